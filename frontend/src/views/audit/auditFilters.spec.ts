import { describe, expect, it } from 'vitest';
import { emptyAuditForm, formToQuery, queryToForm, toAuditFilter } from './auditFilters';

describe('audit filters', () => {
  it('turns an area into its prefix and days into the whole local day', () => {
    const filter = toAuditFilter({ ...emptyAuditForm(), area: 'apikey', actorId: ' u1 ', from: '2026-12-01', to: '2026-12-02' });
    expect(filter.action).toBe('apikey.');
    expect(filter.actorId).toBe('u1');
    expect(new Date(filter.from!).getTime()).toBe(new Date(2026, 11, 1, 0, 0, 0).getTime());
    expect(new Date(filter.to!).getTime()).toBe(new Date(2026, 11, 2, 23, 59, 59, 999).getTime());
    expect(toAuditFilter(emptyAuditForm())).toEqual({});
  });

  it('round-trips through the address so a reload keeps the filters', () => {
    const form = { ...emptyAuditForm(), area: 'member', targetType: 'user' };
    expect(formToQuery(form)).toEqual({ area: 'member', targetType: 'user' });
    expect(queryToForm({ area: 'member', targetType: 'user', junk: 'x', to: ['a'] })).toEqual(form);
  });
});
