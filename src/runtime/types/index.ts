export type * from './antom'
export type * from './config'
export type * from './routes'
