import type { QuotaUsage } from '@/api/billing';
import { num } from '@/api/types';

/** A quota as its meter shows it: the share used (null without a limit) and how close it is to the limit. */
export interface Meter {
  quota: string;
  used: number;
  limit: number | null;
  share: number | null;
  tone: 'accent' | 'danger';
  level: 'ok' | 'near' | 'over';
}

/** The API's quotas as meters, in the API's order; at 80 % a meter warns, at the limit it is full. */
export function toMeters(quotas: QuotaUsage[]): Meter[] {
  return quotas.map((q) => {
    const used = num(q.used);
    const limit = q.limit === null || q.limit === undefined ? null : num(q.limit);
    const share = limit === null || limit <= 0 ? null : used / limit;
    const level = share === null ? 'ok' : share >= 1 ? 'over' : share >= 0.8 ? 'near' : 'ok';
    return { quota: String(q.quota), used, limit, share, tone: level === 'ok' ? 'accent' : 'danger', level };
  });
}

/** The plans a customer may choose themselves (unlimited is the operator's to give). */
export const PLAN_TIERS = ['free', 'pro', 'business'] as const;
