import Papa from 'papaparse';
import type { QaPair } from '@/api/types';

/** What a bulk import file holds: the pairs to import and the rows skipped (with their line and why). */
export interface QaPreview {
  pairs: QaPair[];
  skipped: { row: number; reason: 'empty' | 'missing' }[];
}

function collect(rows: { question?: unknown; answer?: unknown }[], firstRow: number): QaPreview {
  const preview: QaPreview = { pairs: [], skipped: [] };
  rows.forEach((row, i) => {
    const question = typeof row.question === 'string' ? row.question.trim() : '';
    const answer = typeof row.answer === 'string' ? row.answer.trim() : '';
    if (!question && !answer) preview.skipped.push({ row: i + firstRow, reason: 'empty' });
    else if (!question || !answer) preview.skipped.push({ row: i + firstRow, reason: 'missing' });
    else preview.pairs.push({ question, answer });
  });
  return preview;
}

/** Reads a CSV with "question" and "answer" columns (any case; else the first two columns), as the API does. */
export function parseQaCsv(text: string): QaPreview {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header = [], ...rows] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  let q = names.indexOf('question');
  let a = names.indexOf('answer');
  if (q < 0 || a < 0) [q, a] = [0, 1];
  return collect(rows.map((r) => ({ question: r[q], answer: r[a] })), 2);
}

/** Reads a JSON array of { question, answer } objects (or { items: [...] }); throws SyntaxError on anything else. */
export function parseQaJson(text: string): QaPreview {
  const value: unknown = JSON.parse(text);
  const items = Array.isArray(value) ? value : (value as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new SyntaxError('Expected an array of { "question", "answer" } objects.');
  return collect(items.map((item) => (item && typeof item === 'object' ? item : {}) as { question?: unknown; answer?: unknown }), 1);
}

/** Parses by the file's name or content: JSON when it ends in .json or starts with [ or {, else CSV. */
export function parseQaFile(name: string, text: string): QaPreview {
  const trimmed = text.trimStart();
  return name.toLowerCase().endsWith('.json') || trimmed.startsWith('[') || trimmed.startsWith('{') ? parseQaJson(text) : parseQaCsv(text);
}
