import { describe, expect, it } from 'vitest';
import { nextRoute } from './nextRoute';

describe('nextRoute', () => {
  it('keeps a path of the dashboard and refuses another site', () => {
    expect(nextRoute({ next: '/chatbots/b1' })).toBe('/chatbots/b1');
    expect(nextRoute({ next: '//evil.example' })).toBe('/');
    expect(nextRoute({ next: 'https://evil.example' })).toBe('/');
    expect(nextRoute({})).toBe('/');
  });
});
