import { describe, expect, it } from 'vitest';
import { formatDateTime } from './useDates';

describe('dates', () => {
  it('formats in the locale and shows nothing for no or bad dates', () => {
    expect(formatDateTime('2026-12-07T10:00:00Z', 'en', 'date')).toContain('2026');
    expect(formatDateTime('2026-12-07T10:00:00Z', 'de', 'date')).toContain('07.12.2026');
    expect(formatDateTime(null, 'en')).toBe('');
    expect(formatDateTime('not a date', 'en')).toBe('');
  });
});
