import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

// Starts `zongzhid serve` on a free port with a fresh data folder and the
// built UI; ZONGZHI_BIN names a built binary, else it is built here.
export default async function globalSetup() {
  const root = resolve(import.meta.dirname, '..', '..')
  const work = mkdtempSync(join(tmpdir(), 'zongzhi-e2e-'))
  let bin = process.env.ZONGZHI_BIN
  if (!bin) {
    bin = join(work, 'zongzhid')
    execFileSync('go', ['build', '-o', bin, './backend/cmd/zongzhid'], { cwd: root, stdio: 'inherit' })
  }
  const data = join(work, 'data')
  const server = spawn(bin, ['serve', '--addr', '127.0.0.1:0', '--ui', join(root, 'frontend', 'dist'), '--data', data], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('zongzhid serve did not start within 20 s')), 20_000)
    server.stdout.on('data', (chunk: Buffer) => {
      const m = /http:\/\/[0-9.:]+/.exec(chunk.toString())
      if (m) {
        clearTimeout(timer)
        ok(m[0])
      }
    })
    server.on('exit', (code) => fail(new Error(`zongzhid serve exited with ${code}`)))
  })
  process.env.ZONGZHI_E2E_URL = url
  process.env.ZONGZHI_BIN = bin // tests use its offline commands (e.g. sample roster)
  return async () => {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
    rmSync(work, { recursive: true, force: true })
  }
}
