// Bytes, base64, hex and random values with Web APIs only (no Buffer, no node:crypto), so the server code runs on
// every Nitro runtime: Node, Bun, Deno, Cloudflare Workers, Vercel Edge.

const encoder = new TextEncoder()

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text)
}

/** Standard base64 (with padding) of some bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // Chunks keep String.fromCharCode's argument count far below engines' limits for large keys.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000))
  }
  return btoa(binary)
}

/**
 * The bytes of a standard base64 string (padding optional).
 * @throws DOMException when the text is not base64
 */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index)
  return bytes
}

/** Lower-case hex of some bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** `count` (at most 65,536) cryptographically random bytes (`crypto.getRandomValues`). */
export function randomBytes(count: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(count))
}

/** `count` random bytes as lower-case hex (twice as many characters), for ids. */
export function randomHex(count: number): string {
  return bytesToHex(randomBytes(count))
}

/** `count` random bytes as standard base64. */
export function randomBase64(count: number): string {
  return bytesToBase64(randomBytes(count))
}
