import { afterEach, describe, expect, it, vi } from 'vitest'
import { formatAntomAmount } from '../../src/runtime/app/lib/amount'
import { toCheckoutError } from '../../src/runtime/app/lib/errors'
import { ANTOM_SDK_LOCALES, detectAntomLocale, toAntomLocale } from '../../src/runtime/app/lib/locale'
import { pollPaymentStatus } from '../../src/runtime/app/lib/poll'
import { acquireSdkSlot, isSdkSlotTaken } from '../../src/runtime/app/lib/slot'
import { detectTerminalType } from '../../src/runtime/app/lib/terminal'
import type { AntomPaymentStatusResponse } from '../../src/runtime/types'

describe('formatAntomAmount', () => {
  it.each([
    [{ currency: 'USD', value: '1099' }, 'USD 10.99'],
    [{ currency: 'USD', value: '5' }, 'USD 0.05'],
    [{ currency: 'EUR', value: '100000' }, 'EUR 1000.00'],
    [{ currency: 'IDR', value: '1500000' }, 'IDR 15000.00'],
    [{ currency: 'JPY', value: '500' }, 'JPY 500'],
    [{ currency: 'KRW', value: '0012000' }, 'KRW 12000'],
    [{ currency: 'CLP', value: '990' }, 'CLP 990'],
    [{ currency: 'VND', value: '25000' }, 'VND 25000'],
    [{ currency: 'KWD', value: '1250' }, 'KWD 1.250'],
    [{ currency: 'BHD', value: '7' }, 'BHD 0.007'],
    [{ currency: 'OMR', value: '1000' }, 'OMR 1.000'],
  ])('formats %o as %s', (amount, text) => {
    expect(formatAntomAmount(amount)).toBe(text)
  })
})

describe('locale', () => {
  it('knows the 15 cashier locales', () => {
    expect(ANTOM_SDK_LOCALES).toHaveLength(15)
  })

  it.each([
    ['en_US', 'en_US'],
    ['en-GB', 'en_US'],
    ['pt-PT', 'pt_PT'],
    ['pt', 'pt_BR'],
    ['zh-CN', 'zh_CN'],
    ['zh-TW', 'zh_HK'],
    ['zh-Hant-HK', 'zh_HK'],
    ['zh-Hans', 'zh_CN'],
    ['id-ID', 'in_ID'],
    ['fil-PH', 'tl_PH'],
    ['de-AT', 'de_DE'],
    ['fr-CA', 'fr_FR'],
    ['ko', 'ko_KR'],
    ['ja-JP', undefined],
    ['ar', undefined],
  ])('maps %s to %s', (tag, locale) => {
    expect(toAntomLocale(tag)).toBe(locale)
  })

  it('takes the first supported browser language, else en_US', () => {
    expect(detectAntomLocale(['sv-SE', 'th-TH', 'de'])).toBe('th_TH')
    expect(detectAntomLocale(['ja', 'sv'])).toBe('en_US')
    expect(detectAntomLocale([])).toBe('en_US')
  })

  it('picks WAP for phones and tablets', () => {
    expect(detectTerminalType('Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36', 5)).toBe('WAP')
    expect(detectTerminalType('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', 5)).toBe('WAP')
    expect(detectTerminalType('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Safari/605.1.15', 0)).toBe('WEB')
    expect(detectTerminalType('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0', 0)).toBe('WEB')
  })
})

describe('SDK slot', () => {
  it('grants the slot in request order and skips callers that gave up', async () => {
    const order: string[] = []
    const release1 = await acquireSdkSlot()
    expect(isSdkSlotTaken()).toBe(true)
    const gaveUp = new AbortController()
    const second = acquireSdkSlot(gaveUp.signal).then((release) => {
      order.push('second')
      return release
    }, () => {
      order.push('second gave up')
      return () => {}
    })
    const third = acquireSdkSlot().then((release) => {
      order.push('third')
      return release
    })
    gaveUp.abort()
    await second
    release1()
    release1()
    const release3 = await third
    expect(order).toEqual(['second gave up', 'third'])
    release3()
    expect(isSdkSlotTaken()).toBe(false)
  })
})

describe('pollPaymentStatus', () => {
  const answer = (status: AntomPaymentStatusResponse['status']): AntomPaymentStatusResponse => ({
    paymentRequestId: 'pr_1',
    status,
    final: status !== 'PROCESSING' && status !== 'PENDING',
    amount: { currency: 'USD', value: '100' },
    paymentMethodType: 'ALIPAY_CN',
    createdAt: '',
    updatedAt: '',
  })

  it('keeps polling through network errors and stops on a final status', async () => {
    const fetchStatus = vi.fn()
      .mockRejectedValueOnce(Object.assign(new Error('fetch failed'), { statusCode: 502 }))
      .mockResolvedValueOnce(answer('PROCESSING'))
      .mockResolvedValueOnce(answer('SUCCESS'))
    const seen: string[] = []
    const result = await pollPaymentStatus(fetchStatus, { interval: 1, maxAttempts: 10, signal: new AbortController().signal, onStatus: s => seen.push(s.status) })
    expect(result.status?.status).toBe('SUCCESS')
    expect(fetchStatus).toHaveBeenCalledTimes(3)
    expect(seen).toEqual(['PROCESSING', 'SUCCESS'])
  })

  it('returns the last error when every attempt failed', async () => {
    const failure = Object.assign(new Error('fetch failed'), { statusCode: 503 })
    const fetchStatus = vi.fn().mockRejectedValue(failure)
    const result = await pollPaymentStatus(fetchStatus, { interval: 1, maxAttempts: 3, signal: new AbortController().signal })
    expect(result).toEqual({ status: null, error: failure })
    expect(fetchStatus).toHaveBeenCalledTimes(3)
  })

  it('stops when aborted', async () => {
    const controller = new AbortController()
    const fetchStatus = vi.fn(async () => {
      controller.abort()
      return answer('PROCESSING')
    })
    const result = await pollPaymentStatus(fetchStatus, { interval: 1_000_000, maxAttempts: 5, signal: controller.signal })
    expect(result.aborted).toBe(true)
    expect(fetchStatus).toHaveBeenCalledTimes(1)
  })
})

describe('toCheckoutError', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('shows a 4xx answer\'s message, keeps the cause and logs nothing', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = Object.assign(new Error('[POST] "/api/_antom/session": 422'), { statusCode: 422, data: { message: 'Unknown SKU' } })
    expect(toCheckoutError('SESSION_ERROR', failure, 'fallback')).toEqual({ code: 'SESSION_ERROR', message: 'Unknown SKU', statusCode: 422, retryable: true, cause: failure })
    expect(logged).not.toHaveBeenCalled()
  })

  it.each([500, 502, 503])('never shows a %i answer\'s message; logs the full error once instead', (statusCode) => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = Object.assign(new Error(`[POST] "/api/_antom/session": ${statusCode}`), { statusCode, data: { message: '[nuxt-antom] Set NUXT_ANTOM_CLIENT_ID', statusMessage: 'Server Error' } })
    expect(toCheckoutError('SESSION_ERROR', failure, 'Please try again.')).toEqual({ code: 'SESSION_ERROR', message: 'Please try again.', statusCode, retryable: true, cause: failure })
    expect(logged).toHaveBeenCalledTimes(1)
    expect(logged).toHaveBeenCalledWith(`[nuxt-antom] SESSION_ERROR (HTTP ${statusCode}): [nuxt-antom] Set NUXT_ANTOM_CLIENT_ID`, failure)
  })

  it('falls back to its own message for errors without a status, and logs them', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = new TypeError('Failed to fetch')
    const error = toCheckoutError('SDK_LOAD_ERROR', failure, 'The payment SDK could not be loaded.')
    expect(error).toEqual({ code: 'SDK_LOAD_ERROR', message: 'The payment SDK could not be loaded.', retryable: true, cause: failure })
    expect(logged).toHaveBeenCalledExactlyOnceWith('[nuxt-antom] SDK_LOAD_ERROR: Failed to fetch', failure)
  })

  it('ignores a body message when there is no status', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const failure = { data: { message: 'stack trace from a proxy' } }
    expect(toCheckoutError('SESSION_ERROR', failure, 'fallback').message).toBe('fallback')
  })
})
