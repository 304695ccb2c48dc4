import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const dir = mkdtempSync(join(tmpdir(), 'antom-openssl-'))
let counter = 0

/** Verifies an RSA-SHA256 signature with the `openssl` command line: an implementation that is not ours. */
export function opensslVerify(content: string, base64Signature: string, publicKeyPem: string): boolean {
  const name = join(dir, String(counter++))
  writeFileSync(`${name}.txt`, content)
  writeFileSync(`${name}.sig`, Buffer.from(base64Signature, 'base64'))
  writeFileSync(`${name}.pem`, publicKeyPem)
  try {
    return execFileSync('openssl', ['dgst', '-sha256', '-verify', `${name}.pem`, '-signature', `${name}.sig`, `${name}.txt`], { encoding: 'utf8', stdio: 'pipe' }).trim() === 'Verified OK'
  }
  catch {
    return false
  }
}

/** Signs content with `openssl dgst -sha256 -sign` and returns standard base64. */
export function opensslSign(content: string, privateKeyPem: string): string {
  const name = join(dir, String(counter++))
  writeFileSync(`${name}.txt`, content)
  writeFileSync(`${name}.pem`, privateKeyPem)
  return execFileSync('openssl', ['dgst', '-sha256', '-sign', `${name}.pem`, `${name}.txt`]).toString('base64')
}
