import { describe, expect, it } from 'vitest';
import { parseRetention } from './retention';

describe('retention field', () => {
  it('reads empty as keep (null), whole days 1 to 3650, anything else as invalid', () => {
    expect(parseRetention('')).toBeNull();
    expect(parseRetention(null)).toBeNull();
    expect(parseRetention(' 30 ')).toBe(30);
    expect(parseRetention(3650)).toBe(3650);
    expect(parseRetention('0')).toBeUndefined();
    expect(parseRetention('3651')).toBeUndefined();
    expect(parseRetention('1.5')).toBeUndefined();
    expect(parseRetention('soon')).toBeUndefined();
  });
});
