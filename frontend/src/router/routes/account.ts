import type { RouteRecordRaw } from 'vue-router';

/** Plan and usage, workspace settings, and the person's own profile (a route named `profile` is in the user menu). */
const routes: RouteRecordRaw[] = [
  {
    path: '/plan',
    name: 'plan',
    component: () => import('@/views/plan/PlanView.vue'),
    meta: { title: 'plan.title', permission: 'read', nav: { label: 'plan.nav', icon: 'card', section: 'workspace', order: 230 } },
  },
  {
    path: '/settings',
    name: 'settings',
    component: () => import('@/views/settings/SettingsView.vue'),
    meta: { title: 'settings.title', permission: 'manageWorkspace', nav: { label: 'settings.nav', icon: 'settings', section: 'workspace', order: 240 } },
  },
  {
    path: '/profile',
    name: 'profile',
    component: () => import('@/views/profile/ProfileView.vue'),
    meta: { title: 'profile.title' },
  },
];

export default routes;
