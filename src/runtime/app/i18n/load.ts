import type { AntomTexts } from '.'

// Imported by the checkout core only (itself downloaded on mount), so pages never prefetch the locale files.

/** Every other locale, downloaded when a page needs it (about 0.5 KB gzip each). */
const LOADERS: Record<string, () => Promise<{ default: AntomTexts }>> = {
  zh_CN: () => import('./locales/zh_CN'),
  zh_HK: () => import('./locales/zh_HK'),
  ja_JP: () => import('./locales/ja_JP'),
  ko_KR: () => import('./locales/ko_KR'),
  th_TH: () => import('./locales/th_TH'),
  in_ID: () => import('./locales/in_ID'),
  ms_MY: () => import('./locales/ms_MY'),
  tl_PH: () => import('./locales/tl_PH'),
  vi_VN: () => import('./locales/vi_VN'),
  es_ES: () => import('./locales/es_ES'),
  pt_BR: () => import('./locales/pt_BR'),
  pt_PT: () => import('./locales/pt_PT'),
  fr_FR: () => import('./locales/fr_FR'),
  de_DE: () => import('./locales/de_DE'),
  it_IT: () => import('./locales/it_IT'),
}

/** The texts of `locale`, downloaded once; `undefined` (English, bundled) when there are none or the download fails. */
export async function loadTexts(locale: string): Promise<AntomTexts | undefined> {
  try {
    return (await LOADERS[locale]?.())?.default
  }
  catch {
    return undefined
  }
}
