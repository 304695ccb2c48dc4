/**
 * Locales the AMSCashierPayment cashier is translated into; anything else shows English.
 * @see https://docs.antom.com/ac/cashierpay/apm
 */
export const ANTOM_SDK_LOCALES = [
  'en_US', 'pt_BR', 'pt_PT', 'es_ES', 'ko_KR', 'zh_CN', 'zh_HK', 'ms_MY',
  'in_ID', 'th_TH', 'vi_VN', 'tl_PH', 'it_IT', 'de_DE', 'fr_FR',
] as const

/** One of {@link ANTOM_SDK_LOCALES}. */
export type AntomSdkLocale = typeof ANTOM_SDK_LOCALES[number]

/** Base language → SDK locale, for tags whose region has no locale of its own. */
const BY_LANGUAGE: Record<string, AntomSdkLocale> = {
  en: 'en_US',
  pt: 'pt_BR',
  es: 'es_ES',
  ko: 'ko_KR',
  zh: 'zh_CN',
  ms: 'ms_MY',
  id: 'in_ID',
  in: 'in_ID',
  th: 'th_TH',
  vi: 'vi_VN',
  tl: 'tl_PH',
  fil: 'tl_PH',
  it: 'it_IT',
  de: 'de_DE',
  fr: 'fr_FR',
}

/** Chinese tags written in traditional characters; the SDK's traditional locale is zh_HK. */
const TRADITIONAL_CHINESE = /^zh[-_](?:hant|hk|tw|mo)\b/i

/**
 * Maps one BCP-47 tag (`pt-PT`, `zh-Hant-TW`, `fil`) to the SDK locale it should use, or
 * `undefined` when the SDK has no translation for the language.
 */
export function toAntomLocale(tag: string): AntomSdkLocale | undefined {
  const normalized = tag.trim().replace(/-/g, '_')
  const exact = ANTOM_SDK_LOCALES.find(locale => locale.toLowerCase() === normalized.toLowerCase())
  if (exact) return exact
  if (TRADITIONAL_CHINESE.test(tag.trim())) return 'zh_HK'
  const language = normalized.split('_')[0]!.toLowerCase()
  return BY_LANGUAGE[language]
}

/**
 * The SDK locale for the buyer: the first of the browser's preferred languages the SDK supports,
 * else `en_US` (the SDK's own default).
 */
export function detectAntomLocale(languages: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]): AntomSdkLocale {
  for (const tag of languages) {
    const locale = tag ? toAntomLocale(tag) : undefined
    if (locale) return locale
  }
  return 'en_US'
}

/**
 * The SDK locale of a checkout: the app's locale (`locale` prop or option, mapped when the SDK knows the
 * language, else passed as given), else @nuxtjs/i18n's when the SDK knows it, else the browser's.
 */
export function resolveAntomLocale(explicit: string | undefined, i18n: string | undefined): string {
  if (explicit) return toAntomLocale(explicit) ?? explicit.replace(/-/g, '_')
  return (i18n && toAntomLocale(i18n)) || detectAntomLocale()
}
