import type { RouteRecordNormalized, RouteRecordRaw } from 'vue-router';
import { allows } from '@/composables/usePermissions';
import type { NavMeta, NavSection } from '@/router/meta';

/**
 * The sidebar is built from the routes: a route with `meta.nav` gets an entry (see router/meta.ts), shown to the roles
 * its `meta.permission` allows. So an area adds its screen and its entry in one place, its routes file:
 *
 *   { path: '/chatbots', name: 'chatbots', component: () => import(...),
 *     meta: { title: 'chatbots.title', nav: { label: 'nav.chatbots', icon: 'bot', section: 'build', order: 10 } } }
 *
 * Orders leave room between areas: build 0-99 (home 0, chatbots 10, knowledge 20, playground 30, widget 40),
 * operate 100-199 (conversations 100, analytics 110), workspace 200-299 (team 200, API keys 210, audit 220,
 * plan 230, settings 240).
 */
export interface NavEntry extends NavMeta {
  name: string;
}

export const SECTIONS: NavSection[] = ['build', 'operate', 'workspace'];

type RouteLike = Pick<RouteRecordRaw | RouteRecordNormalized, 'name' | 'meta'>;

export function navEntries(routes: readonly RouteLike[], role: string | null): NavEntry[] {
  return routes
    .filter((r): r is RouteLike & { name: string } => typeof r.name === 'string' && !!r.meta?.nav)
    .filter((r) => !r.meta?.permission || allows(role, r.meta.permission))
    .map((r) => ({ name: r.name, ...r.meta!.nav! }))
    .sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section) || a.order - b.order);
}

/** Entries grouped by section, in section order, leaving out empty sections. */
export function navSections(entries: NavEntry[]): { section: NavSection; entries: NavEntry[] }[] {
  return SECTIONS.map((section) => ({ section, entries: entries.filter((e) => e.section === section) })).filter((s) => s.entries.length > 0);
}
