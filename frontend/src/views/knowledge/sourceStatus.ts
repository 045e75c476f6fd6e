import type { KnowledgeSource } from '@/api/types';

/** The badge tone of a source's status. */
export function statusTone(status: string): 'neutral' | 'accent' | 'success' | 'danger' {
  return ({ queued: 'neutral', processing: 'accent', indexed: 'success', failed: 'danger' } as const)[status as 'queued'] ?? 'neutral';
}

/** Progress for the bar: the share done (0 to 1) while queued or processing, null (indeterminate) when unknown. */
export function progressOf(source: Pick<KnowledgeSource, 'status' | 'progress' | 'progressDone' | 'progressTotal'>): number | null {
  if (source.status === 'indexed') return 1;
  const total = Number(source.progressTotal ?? 0);
  if (total > 0) return Number(source.progressDone ?? 0) / total;
  const share = Number(source.progress ?? 0);
  return share > 0 ? share : source.status === 'processing' ? null : 0;
}

/**
 * What a person can do about a failure, as an i18n key under knowledge.failure: from the API's reason (its text is
 * shown as well) and the kind of source.
 */
export function failureHint(source: Pick<KnowledgeSource, 'type' | 'error'>): string {
  const reason = (source.error ?? '').toLowerCase();
  if (/robots|forbidden|403|401|login|denied/.test(reason)) return 'blocked';
  if (/not found|404|dns|resolve|unreachable|timed? ?out|timeout|connect/.test(reason)) return 'unreachable';
  if (/password|encrypt|scanned|no text|empty|unsupported|format|corrupt/.test(reason)) return 'content';
  if (/quota|limit|too large|too many|plan/.test(reason)) return 'limit';
  if (/embedding|provider|model|503|502|rate/.test(reason)) return 'provider';
  return source.type === 'url' || source.type === 'website' ? 'unreachable' : 'generic';
}
