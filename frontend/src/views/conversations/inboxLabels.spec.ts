import { describe, expect, it } from 'vitest';
import { modeTone, namesOf } from './inboxLabels';
import { throttle } from './throttle';

describe('inbox labels', () => {
  it('a waiting conversation stands out', () => {
    expect(modeTone('waiting')).toBe('warning');
    expect(modeTone('human')).toBe('success');
    expect(modeTone('bot')).toBe('neutral');
    expect(modeTone(undefined)).toBe('neutral');
  });

  it('names who else is viewing, briefly', () => {
    const more = (n: number) => `${n} more`;
    expect(namesOf([], 'and', more)).toBe('');
    expect(namesOf(['Ada'], 'and', more)).toBe('Ada');
    expect(namesOf(['Ada', 'Bob'], 'and', more)).toBe('Ada and Bob');
    expect(namesOf(['Ada', 'Bob', 'Cy', 'Di'], 'and', more)).toBe('Ada, Bob and 2 more');
  });
});

describe('throttle', () => {
  it('lets one call through per interval', () => {
    let now = 0;
    let calls = 0;
    const call = throttle(() => calls++, 3000, () => now);
    expect(call()).toBe(true);
    now = 2999;
    expect(call()).toBe(false);
    now = 3000;
    expect(call()).toBe(true);
    expect(calls).toBe(2);
  });
});
