import { http } from './http';
import type { Page, Schemas } from './types';

export type AuditEntry = Schemas['AuditEntryResponse'];

/** The audit log's filters as the API reads them: `action` exact ("apikey.created") or an area ("apikey."). */
export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** ISO 8601 instants. */
  from?: string;
  to?: string;
}

/** Drops empty filters so the query string only says what was chosen. */
export function auditParams(filter: AuditFilter, cursor?: string | null, limit = 50): Record<string, string | number> {
  const params: Record<string, string | number> = { limit };
  for (const [key, value] of Object.entries(filter)) {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text) params[key] = text;
  }
  if (cursor) params.cursor = cursor;
  return params;
}

export const auditApi = {
  list: (workspaceId: string, filter: AuditFilter = {}, cursor?: string | null, limit = 50) =>
    http.get<Page<AuditEntry>>(`/api/v1/workspaces/${encodeURIComponent(workspaceId)}/audit-log`, { params: auditParams(filter, cursor, limit) })
      .then((r) => r.data),
};
