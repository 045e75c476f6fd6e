/** A run of text, marked when it is one of the query's words. */
export interface Segment {
  text: string;
  match: boolean;
}

/** The query's words worth marking: at least two letters or digits, lower-cased, each once. */
export function queryWords(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [];
  return [...new Set(words)];
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits `text` into runs where the query's words are marked (case-insensitive, whole words and word starts), for
 * rendering as text nodes and <mark> elements: never HTML, so the text of a source cannot inject markup.
 */
export function highlight(text: string, query: string): Segment[] {
  const words = queryWords(query).sort((a, b) => b.length - a.length);
  if (words.length === 0 || text === '') {
    return text === '' ? [] : [{ text, match: false }];
  }
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(${words.map(escapeRegExp).join('|')})`, 'giu');
  const segments: Segment[] = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    const start = found.index ?? 0;
    if (start > last) segments.push({ text: text.slice(last, start), match: false });
    segments.push({ text: found[0], match: true });
    last = start + found[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), match: false });
  return segments;
}
