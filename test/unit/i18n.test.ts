import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EN_TEXTS, followTexts, i18nLocaleOf, pickTextLocale, toTextLocale } from '../../src/runtime/app/i18n'
import { loadTexts } from '../../src/runtime/app/i18n/load'
import { ANTOM_SDK_LOCALES, resolveAntomLocale } from '../../src/runtime/app/lib/locale'

const localesDir = fileURLToPath(new URL('../../src/runtime/app/i18n/locales', import.meta.url))
const FILES = readdirSync(localesDir).map(file => file.replace(/\.ts$/, '')).sort()
const REQUIRED = ['en_US', 'zh_CN', 'zh_HK', 'ja_JP', 'ko_KR', 'th_TH', 'in_ID', 'ms_MY', 'tl_PH', 'vi_VN', 'es_ES', 'pt_BR', 'fr_FR', 'de_DE']

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('built-in texts', () => {
  it('exist for the required locales and every locale of the SDK\'s cashier', () => {
    expect(FILES).toEqual(expect.arrayContaining([...REQUIRED, ...ANTOM_SDK_LOCALES]))
    expect(FILES).toHaveLength(16)
  })

  it.each(FILES.filter(locale => locale !== 'en_US'))('%s has every text, none empty, and downloads on its own', async (locale) => {
    const texts = await loadTexts(locale)
    expect(Object.keys(texts!).sort()).toEqual(Object.keys(EN_TEXTS).sort())
    for (const text of Object.values(texts!)) expect(text.trim()).not.toBe('')
    // Translated, not copied: the status texts differ from English in every locale.
    expect(texts!.creating).not.toBe(EN_TEXTS.creating)
  })

  it('falls back to English (undefined) for a locale without texts', async () => {
    expect(await loadTexts('nl_NL')).toBeUndefined()
  })

  it.each([
    ['en-GB', 'en_US'],
    ['ja', 'ja_JP'],
    ['ja-JP', 'ja_JP'],
    ['zh-Hant-TW', 'zh_HK'],
    ['zh', 'zh_CN'],
    ['id-ID', 'in_ID'],
    ['fil', 'tl_PH'],
    ['pt-PT', 'pt_PT'],
    ['pt', 'pt_BR'],
    ['de_DE', 'de_DE'],
    ['nl-NL', undefined],
  ])('maps %s to the texts of %s', (tag, locale) => {
    expect(toTextLocale(tag)).toBe(locale)
  })

  it('takes the first tag with texts: the locale prop, then @nuxtjs/i18n, then the browser\'s languages', () => {
    expect(pickTextLocale(['ko-KR', 'de', 'fr'])).toBe('ko_KR')
    expect(pickTextLocale([undefined, 'de', 'fr'])).toBe('de_DE')
    expect(pickTextLocale([undefined, undefined, 'sv', 'ja'])).toBe('ja_JP')
    expect(pickTextLocale(['nl', 'sv'])).toBe('en_US')
  })

  it('uses the SDK locale chain for the cashier: ja has texts but no cashier translation', () => {
    vi.stubGlobal('navigator', { languages: ['ja-JP', 'th-TH'] })
    expect(resolveAntomLocale(undefined, undefined)).toBe('th_TH')
    expect(resolveAntomLocale(undefined, 'de')).toBe('de_DE')
    expect(resolveAntomLocale(undefined, 'ja')).toBe('th_TH')
    expect(resolveAntomLocale('ja-JP', 'de')).toBe('ja_JP')
    expect(pickTextLocale([undefined, undefined, ...navigator.languages])).toBe('ja_JP')
  })
})

describe('i18nLocaleOf', () => {
  it('reads @nuxtjs/i18n from useNuxtApp().$i18n when it is there, refs and plain values alike', () => {
    expect(i18nLocaleOf({})).toBeUndefined()
    expect(i18nLocaleOf({ $i18n: { locale: { value: 'fr' } } })).toBe('fr')
    expect(i18nLocaleOf({ $i18n: { locale: 'de' } })).toBe('de')
    expect(i18nLocaleOf({ $i18n: { locale: { value: 'zh' }, localeProperties: { value: { code: 'zh', language: 'zh-TW' } } } })).toBe('zh-TW')
  })
})

describe('followTexts', () => {
  it('renders what the server could know first, then the buyer\'s locale', async () => {
    vi.stubGlobal('navigator', { languages: ['de-DE'] })
    const applied: string[] = []
    const download = vi.fn(loadTexts)
    const texts = followTexts(() => [undefined, undefined], download, loaded => applied.push(loaded.pay))
    // No locale set by the app: English on the server and in hydration alike.
    expect(texts.initial).toBe(EN_TEXTS)
    await texts.update()
    expect(applied).toEqual(['Bezahlen'])
    await texts.update()
    expect(download).toHaveBeenCalledTimes(1)
  })

  it('renders no text before a locale set by the app has downloaded, and keeps only the last of two downloads', async () => {
    let tag = 'fr-FR'
    const applied: string[] = []
    const texts = followTexts(() => [tag], loadTexts, loaded => applied.push(loaded.pay))
    expect(texts.initial).toBeNull()
    const first = texts.update()
    tag = 'es'
    await Promise.all([first, texts.update()])
    expect(applied).toEqual(['Pagar'])
    // Messages raised meanwhile wait for the texts of the current locale.
    expect((await texts.ready()).tryAgain).toBe('Reintentar')
  })
})
