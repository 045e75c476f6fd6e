// The widget's strings, one locale file per language. The locale is, in order: one set by the host page
// (data-locale, settings, setLocale), the bot's configured locale unless 'auto', the browser's languages, English.
import en from '../locales/en.json';
import de from '../locales/de.json';
import fr from '../locales/fr.json';
import es from '../locales/es.json';
import zh from '../locales/zh.json';
import ar from '../locales/ar.json';

export const LOCALES = Object.freeze({ en, de, fr, es, zh, ar });

/** The supported locale for a language tag ('de-CH' -> 'de'), or null. */
export function supported(tag) {
  if (typeof tag !== 'string' || !tag) {
    return null;
  }

  const base = tag.toLowerCase().split(/[-_]/)[0];
  return Object.prototype.hasOwnProperty.call(LOCALES, base) ? base : null;
}

export function chooseLocale(override, botLocale, browserLanguages) {
  return supported(override)
    || (botLocale && botLocale !== 'auto' ? supported(botLocale) : null)
    || (browserLanguages || []).map(supported).find(Boolean)
    || 'en';
}

/** A translator for a locale: t('unread', { count: 2 }). Unknown keys fall back to English. */
export function translator(locale) {
  const strings = LOCALES[locale] || en;
  return (key, values) => {
    const text = strings[key] ?? en[key] ?? key;
    return values ? text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? '')) : text;
  };
}
