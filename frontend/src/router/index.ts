import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { installGuards } from './guards';

/**
 * Routes live per area in src/router/routes/<area>.ts, each exporting `default` an array of routes with lazy
 * components (`component: () => import(...)`). A new area adds its file; nothing here changes. A route that
 * belongs in the sidebar says so in `meta.nav` (see components/layout/navigation.ts).
 */
const areas = import.meta.glob<RouteRecordRaw[]>('./routes/*.ts', { eager: true, import: 'default' });

export const routes: RouteRecordRaw[] = Object.keys(areas).sort().flatMap((file) => areas[file] ?? []);

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

installGuards(router);
