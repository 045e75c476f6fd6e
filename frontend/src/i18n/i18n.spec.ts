import { describe, expect, it } from 'vitest';

/** Every locale has every key English has (and no others), so no screen falls back to English in German. */
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });

function keys(tree: unknown, prefix = ''): string[] {
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]);
}

describe('locales', () => {
  const byLocale = new Map<string, Map<string, string[]>>();
  for (const [path, messages] of Object.entries(files)) {
    const [, locale, area] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
    if (!byLocale.has(locale!)) byLocale.set(locale!, new Map());
    byLocale.get(locale!)!.set(area!, keys(messages).sort());
  }

  it.each([...byLocale.keys()].filter((l) => l !== 'en'))('%s has exactly the English keys', (locale) => {
    const english = byLocale.get('en')!;
    const other = byLocale.get(locale)!;
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [area, list] of english) {
      expect(other.get(area), `${locale}/${area}.json`).toEqual(list);
    }
  });
});
