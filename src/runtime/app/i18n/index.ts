import { toAntomLocale } from '../lib/locale'
import en from './locales/en_US'

/**
 * The built-in texts of `<AntomPay>` and the simulated cashier, one file per locale in `locales/`.
 * Status texts are read out by the live region and shown by the loading and result states.
 */
export interface AntomTexts {
  /** Status `creating-session`. */
  creating: string
  /** Status `queued`. */
  queued: string
  /** Status `loading-sdk`. */
  loading: string
  /** Status `ready`. */
  ready: string
  /** Status `confirming`. */
  confirming: string
  /** Status `paid`. */
  paid: string
  /** Status `failed`. */
  failed: string
  /** Status `pending`. */
  pending: string
  /** Status `cancelled`. */
  cancelled: string
  /** Status `error`. */
  error: string
  /** The button of the `idle` state. */
  pay: string
  /** Retry after an error or a failed payment. */
  tryAgain: string
  /** Retry after a cancel. */
  payAgain: string
  /** Ask the server again about a pending payment. */
  checkAgain: string
  /** `SESSION_ERROR` when the server gave no message meant for the buyer. */
  sessionFailed: string
  /** `SDK_LOAD_ERROR`. */
  sdkLoadFailed: string
  /** `SDK_LOAD_TIMEOUT`. */
  sdkTimeout: string
  /** `SDK_INIT_PARAMETER_ERROR` thrown by the SDK's constructor. */
  sdkRejected: string
  /** `SIMULATOR_ERROR` without a message from the server. */
  simulatorFailed: string
  /** The simulated cashier's title and accessible name. */
  simulator: string
  /** The simulated cashier's buttons. */
  simulatorPay: string
  simulatorFail: string
  simulatorCancel: string
  /** The button that takes the buyer to Antom's hosted Checkout Page (`product="checkout-page"`, `display="redirect"`). */
  continueToPayment: string
  /** The accessible name of the simulated payment method tabs. */
  methods: string
  /** Simulated Payment Element and Checkout Page: the method tabs. */
  methodCard: string
  methodWallet: string
  /** Simulated Payment Element: the card form. */
  cardNumber: string
  cardExpiry: string
  cardCvc: string
  /** Simulated Payment Element: the list of test cards and what each does. */
  testCards: string
  testCardPays: string
  testCard3ds: string
  testCardDeclined: string
  /** Simulated Payment Element: the card form does not validate. */
  cardInvalid: string
  /** Simulated Payment Element: the decline test card. */
  cardDeclined: string
  /** Simulated Payment Element: the 3-D Secure challenge. */
  threeDsTitle: string
  threeDsPrompt: string
  threeDsConfirm: string
  threeDsFail: string
  /** Simulated Payment Element: the challenge failed (a new session follows). */
  threeDsFailed: string
  /** Simulated Payment Element: the buyer cancelled the challenge. */
  threeDsCancelled: string
  /** Simulated Payment Element: the wallet tab. */
  walletNote: string
  /** Simulated embedded Checkout Page: leave without paying (`SDK_PAYMENT_CLICK_BACK_TO_MERCHANT`). */
  backToShop: string
  /** `CHECKOUT_PAGE_UNREACHABLE`: the embedded Checkout Page did not load. */
  checkoutPageFailed: string
}

/** English, bundled: the fallback for every missing locale and for failed downloads. */
export const EN_TEXTS: AntomTexts = en

/** The texts locale for one tag (`de-AT` → `de_DE`, `ja` → `ja_JP`), if there is one: the SDK's cashier locales and `ja_JP`. */
export function toTextLocale(tag: string): string | undefined {
  return /^ja(?:$|[-_])/i.test(tag.trim()) ? 'ja_JP' : toAntomLocale(tag)
}

/** The browser's preferred languages (none on the server). */
export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]
}

/** The first of `tags` (the `locale` prop, @nuxtjs/i18n's locale, the browser's languages) with texts, else `en_US`. */
export function pickTextLocale(tags: ReadonlyArray<string | undefined>): string {
  for (const tag of tags) {
    const locale = tag ? toTextLocale(tag) : undefined
    if (locale) return locale
  }
  return 'en_US'
}

/**
 * The current locale of @nuxtjs/i18n, read from `useNuxtApp().$i18n` without depending on the module:
 * its BCP-47 `language` when the locale has one, else its code. Reading it inside a watcher or computed
 * follows locale switches.
 */
export function i18nLocaleOf(nuxtApp: object): string | undefined {
  const i18n = (nuxtApp as { $i18n?: { locale?: unknown, localeProperties?: unknown } }).$i18n
  const read = (value: unknown): unknown => (value && typeof value === 'object' && 'value' in value ? value.value : value)
  const language = (read(i18n?.localeProperties) as { language?: unknown } | undefined)?.language
  const code = read(i18n?.locale)
  if (typeof language === 'string' && language) return language
  return typeof code === 'string' && code ? code : undefined
}

/**
 * The texts of one checkout, following its locale. Until the browser's languages are known (server render,
 * hydration) only a locale the app set counts, so both render alike; `update()` then picks the buyer's and
 * downloads it (English is bundled). `initial` is `null` while a locale other than English downloads.
 */
export function followTexts(tags: () => ReadonlyArray<string | undefined>, download: (locale: string) => Promise<AntomTexts | undefined>, apply: (texts: AntomTexts) => void) {
  let current = pickTextLocale(tags()) === 'en_US' ? 'en_US' : undefined
  let latest: Promise<AntomTexts> = Promise.resolve(EN_TEXTS)
  return {
    initial: current ? EN_TEXTS : null,
    /** The texts of the buyer's locale, once downloaded (messages raised meanwhile wait for them). */
    ready: () => latest,
    update(): Promise<void> {
      const locale = pickTextLocale([...tags(), ...browserLanguages()])
      if (locale === current) return latest.then(() => {})
      current = locale
      latest = locale === 'en_US' ? Promise.resolve(EN_TEXTS) : download(locale).then(texts => texts ?? EN_TEXTS)
      return latest.then((texts) => {
        if (current === locale) apply(texts)
      })
    },
  }
}
