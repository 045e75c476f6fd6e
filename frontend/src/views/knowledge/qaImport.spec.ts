import { describe, expect, it } from 'vitest';
import { parseQaCsv, parseQaFile, parseQaJson } from './qaImport';

describe('Q&A import preview', () => {
  it('reads CSV by header names, with quoted commas and line breaks, and lists skipped rows', () => {
    const preview = parseQaCsv('Answer,Question\n"Yes, within 30 days",Can I return it?\n"Line one\nline two",Multi?\n,\nonly answer,\n');
    expect(preview.pairs).toEqual([
      { question: 'Can I return it?', answer: 'Yes, within 30 days' },
      { question: 'Multi?', answer: 'Line one\nline two' },
    ]);
    expect(preview.skipped).toEqual([{ row: 4, reason: 'empty' }, { row: 5, reason: 'missing' }]);
  });

  it('takes the first two columns without a known header', () => {
    expect(parseQaCsv('q,a\nWhy?,Because.').pairs).toEqual([{ question: 'Why?', answer: 'Because.' }]);
  });

  it('reads JSON arrays and { items } and refuses other shapes', () => {
    expect(parseQaJson('[{"question":"A?","answer":"B."},{"question":"","answer":""}]')).toEqual({
      pairs: [{ question: 'A?', answer: 'B.' }], skipped: [{ row: 2, reason: 'empty' }],
    });
    expect(parseQaJson('{"items":[{"question":"A?","answer":"B."}]}').pairs).toHaveLength(1);
    expect(() => parseQaJson('{"question":"A?"}')).toThrow(SyntaxError);
    expect(parseQaFile('pairs.txt', ' [{"question":"A?","answer":"B."}]').pairs).toHaveLength(1);
  });
});
