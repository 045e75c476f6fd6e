import { describe, expect, it } from 'vitest';
import { navEntries, navSections } from './navigation';

const routes = [
  { name: 'home', meta: { nav: { label: 'nav.home', icon: 'home' as const, section: 'build' as const, order: 0 } } },
  { name: 'keys', meta: { permission: 'manageApiKeys' as const, nav: { label: 'nav.keys', icon: 'key' as const, section: 'workspace' as const, order: 210 } } },
  { name: 'bots', meta: { nav: { label: 'nav.bots', icon: 'bot' as const, section: 'build' as const, order: 10 } } },
  { name: 'sign-in', meta: { public: true } },
];

describe('navigation', () => {
  it('lists routes with a nav entry, ordered by section then order', () => {
    expect(navEntries(routes, 'owner').map((e) => e.name)).toEqual(['home', 'bots', 'keys']);
  });

  it('hides entries the role may not use', () => {
    expect(navEntries(routes, 'editor').map((e) => e.name)).toEqual(['home', 'bots']);
    expect(navEntries(routes, null).map((e) => e.name)).toEqual(['home', 'bots']);
  });

  it('groups by section without empty ones', () => {
    expect(navSections(navEntries(routes, 'viewer')).map((s) => s.section)).toEqual(['build']);
  });
});
