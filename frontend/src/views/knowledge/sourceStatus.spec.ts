import { describe, expect, it } from 'vitest';
import type { KnowledgeSource } from '@/api/types';
import { failureHint, progressOf, statusTone } from './sourceStatus';

const s = (fields: Partial<Record<keyof KnowledgeSource, unknown>>) => ({ status: 'queued', progress: 0, progressDone: 0, progressTotal: 0, type: 'text', ...fields }) as KnowledgeSource;

describe('source status', () => {
  it('prefers units of work, then the share, indeterminate while processing without either', () => {
    expect(progressOf(s({ status: 'processing', progressDone: 3, progressTotal: 4 }))).toBe(0.75);
    expect(progressOf(s({ status: 'processing', progress: 0.4 }))).toBe(0.4);
    expect(progressOf(s({ status: 'processing' }))).toBeNull();
    expect(progressOf(s({ status: 'indexed' }))).toBe(1);
    expect(statusTone('failed')).toBe('danger');
  });

  it('turns failure reasons into something a person can do', () => {
    expect(failureHint(s({ type: 'url', error: 'The site answered 403 Forbidden' }))).toBe('blocked');
    expect(failureHint(s({ type: 'file', error: 'The PDF has no text (scanned?)' }))).toBe('content');
    expect(failureHint(s({ type: 'text', error: 'The embeddings provider answered 503' }))).toBe('provider');
    expect(failureHint(s({ type: 'website', error: 'odd' }))).toBe('unreachable');
    expect(failureHint(s({ type: 'text', error: 'odd' }))).toBe('generic');
  });
});
