import type { AuditFilter } from '@/api/audit';

/** The areas the audit log groups actions into (the API filters by the prefix, e.g. "apikey."). */
export const AUDIT_AREAS = ['apikey', 'auth', 'billing', 'chatbot', 'invitation', 'member', 'user', 'visitor', 'workspace'] as const;

/** Target types the API records. */
export const AUDIT_TARGETS = ['apikey', 'chatbot', 'invitation', 'user', 'visitor', 'workspace'] as const;

/** The filter form as the screen holds it (dates as yyyy-MM-dd, in the person's own day). */
export interface AuditForm {
  area: string;
  actorId: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

export const emptyAuditForm = (): AuditForm => ({ area: '', actorId: '', targetType: '', targetId: '', from: '', to: '' });

/** The form as the API's filter: an area becomes its prefix; `from` is the start of that day, `to` the end of its day. */
export function toAuditFilter(form: AuditForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.area) filter.action = `${form.area}.`;
  if (form.actorId.trim()) filter.actorId = form.actorId.trim();
  if (form.targetType) filter.targetType = form.targetType;
  if (form.targetId.trim()) filter.targetId = form.targetId.trim();
  if (form.from) filter.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) filter.to = new Date(`${form.to}T23:59:59.999`).toISOString();
  return filter;
}

/** The form in the address (a reload keeps the filters) and back. */
export function formToQuery(form: AuditForm): Record<string, string> {
  return Object.fromEntries(Object.entries(form).filter(([, value]) => value !== ''));
}

export function queryToForm(query: Record<string, unknown>): AuditForm {
  const form = emptyAuditForm();
  for (const key of Object.keys(form) as (keyof AuditForm)[]) {
    const value = query[key];
    if (typeof value === 'string') form[key] = value;
  }
  return form;
}
