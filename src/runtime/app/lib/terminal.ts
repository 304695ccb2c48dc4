/**
 * `WAP` for phones and tablets, `WEB` otherwise: Antom picks the cashier layout and the payment
 * methods it offers from this value.
 */
export function detectTerminalType(userAgent: string = typeof navigator === 'undefined' ? '' : navigator.userAgent, maxTouchPoints: number = typeof navigator === 'undefined' ? 0 : navigator.maxTouchPoints ?? 0): 'WEB' | 'WAP' {
  if (/Mobi|Android|iPhone|iPad|iPod|Windows Phone|Opera Mini|IEMobile/i.test(userAgent)) return 'WAP'
  // iPadOS 13+ reports itself as desktop Safari; touch support gives it away.
  if (/Macintosh/.test(userAgent) && maxTouchPoints > 1) return 'WAP'
  return 'WEB'
}
