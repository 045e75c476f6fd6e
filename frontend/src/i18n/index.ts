import { createI18n } from 'vue-i18n';

/**
 * Messages live per area and locale: src/i18n/locales/<locale>/<area>.json, each file's keys under its area's name
 * (locales/en/chatbots.json -> t('chatbots.title')). A new area adds its files; nothing here changes. English is in
 * the first bundle; other locales load when chosen.
 */
export const SUPPORTED_LOCALES = ['en', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const LOCALE_KEY = 'chatsphere.locale';

/** A message tree as the JSON files hold it. */
export interface Messages {
  [key: string]: string | Messages;
}

const english = import.meta.glob<Messages>('./locales/en/*.json', { eager: true, import: 'default' });
const others = import.meta.glob<Messages>(['./locales/*/*.json', '!./locales/en/*.json'], { import: 'default' });

/** Folds {'./locales/en/chatbots.json': {...}} into {chatbots: {...}}. */
export function byArea(files: Record<string, Messages>): Messages {
  return Object.fromEntries(Object.entries(files).map(([path, messages]) => [path.replace(/^.*\/([^/]+)\.json$/, '$1'), messages]));
}

export const i18n = createI18n({
  legacy: false,
  locale: 'en',
  fallbackLocale: 'en',
  messages: { en: byArea(english) } as Record<string, Messages>,
  missingWarn: false,
  fallbackWarn: false,
});

export function preferredLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  const wanted = stored ?? navigator.language.slice(0, 2);
  return (SUPPORTED_LOCALES as readonly string[]).includes(wanted) ? (wanted as Locale) : 'en';
}

/** Loads a locale's messages (once) and switches to it; remembered for the next visit. */
export async function setLocale(locale: Locale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    const loads = Object.entries(others).filter(([path]) => path.startsWith(`./locales/${locale}/`));
    const files = Object.fromEntries(await Promise.all(loads.map(async ([path, load]) => [path, await load()] as const)));
    i18n.global.setLocaleMessage(locale, byArea(files));
  }
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  localStorage.setItem(LOCALE_KEY, locale);
}
