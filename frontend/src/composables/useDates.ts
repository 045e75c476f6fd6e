import { useI18n } from 'vue-i18n';

/** Formats an ISO instant for the current locale ('' for none). */
export function formatDateTime(value: string | null | undefined, locale: string, style: 'date' | 'dateTime' = 'dateTime'): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** `date(iso)` and `dateTime(iso)` in the dashboard's current language. */
export function useDates() {
  const { locale } = useI18n();
  return {
    date: (value: string | null | undefined) => formatDateTime(value, locale.value, 'date'),
    dateTime: (value: string | null | undefined) => formatDateTime(value, locale.value),
  };
}
