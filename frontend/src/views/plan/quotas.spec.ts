import { describe, expect, it } from 'vitest';
import { toMeters } from './quotas';

describe('quota meters', () => {
  it('shows the share used, warns near the limit and fills at it; no limit has no share', () => {
    const meters = toMeters([
      { quota: 'seats', used: 1, limit: 5 },
      { quota: 'chatbots', used: 4, limit: 5 },
      { quota: 'messagesPerMonth', used: '120', limit: 100 },
      { quota: 'sources', used: 7, limit: null },
    ] as never);
    expect(meters.map((m) => [m.quota, m.share, m.level, m.tone])).toEqual([
      ['seats', 0.2, 'ok', 'accent'],
      ['chatbots', 0.8, 'near', 'danger'],
      ['messagesPerMonth', 1.2, 'over', 'danger'],
      ['sources', null, 'ok', 'accent'],
    ]);
  });
});
