export type * from './antom'
export type * from './config'
