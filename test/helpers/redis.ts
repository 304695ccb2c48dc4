import { spawn, type ChildProcess } from 'node:child_process'
import { createConnection } from 'node:net'
import { getRandomPort } from 'get-port-please'

/** A throwaway redis-server (Debian's) on a loopback port, with persistence off. */
export interface TestRedis {
  url: string
  port: number
  stop: () => Promise<void>
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    socket.once('error', () => resolve(false))
  })
}

/** Starts redis-server and waits until it answers PING. */
export async function startRedis(): Promise<TestRedis> {
  const port = await getRandomPort('127.0.0.1')
  const server: ChildProcess = spawn(process.env.REDIS_SERVER_PATH || 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  const exited = new Promise<void>(resolve => server.once('exit', () => resolve()))
  for (let attempt = 0; attempt < 100 && !(await ping(port)); attempt++) {
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  if (!(await ping(port))) throw new Error(`redis-server did not start on port ${port}`)
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      server.kill('SIGTERM')
      await exited
    },
  }
}
