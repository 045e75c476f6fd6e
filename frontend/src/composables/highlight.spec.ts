import { describe, expect, it } from 'vitest';
import { highlight, queryWords } from './highlight';

describe('highlight', () => {
  it('marks the query words case-insensitively at word starts', () => {
    expect(highlight('Refunds take 14 days; refund policy', 'refund days')).toEqual([
      { text: 'Refund', match: true }, { text: 's take 14 ', match: false }, { text: 'days', match: true },
      { text: '; ', match: false }, { text: 'refund', match: true }, { text: ' policy', match: false },
    ]);
  });

  it('does not mark inside words and keeps markup as plain text', () => {
    const segments = highlight('<b>unrefundable</b> refund', 'refund');
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(['refund']);
    expect(segments.map((s) => s.text).join('')).toBe('<b>unrefundable</b> refund');
  });

  it('ignores one-letter words and regular expression characters', () => {
    expect(queryWords('a (why?) Why [x]')).toEqual(['why']);
    expect(highlight('plain', '.*')).toEqual([{ text: 'plain', match: false }]);
    expect(highlight('', 'x')).toEqual([]);
  });
});
