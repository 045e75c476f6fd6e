import type { RouteRecordRaw } from 'vue-router';

/** Team and access: members and invitations, API keys, the audit log. */
const routes: RouteRecordRaw[] = [
  {
    path: '/team',
    name: 'team',
    component: () => import('@/views/team/TeamView.vue'),
    meta: { title: 'team.title', permission: 'read', nav: { label: 'team.nav', icon: 'users', section: 'workspace', order: 200 } },
  },
  {
    path: '/api-keys',
    name: 'api-keys',
    component: () => import('@/views/apiKeys/ApiKeysView.vue'),
    meta: { title: 'apiKeys.title', permission: 'manageApiKeys', nav: { label: 'apiKeys.nav', icon: 'key', section: 'workspace', order: 210 } },
  },
  {
    path: '/audit-log',
    name: 'audit-log',
    component: () => import('@/views/audit/AuditLogView.vue'),
    meta: { title: 'audit.title', permission: 'viewAuditLog', nav: { label: 'audit.nav', icon: 'list', section: 'workspace', order: 220 } },
  },
];

export default routes;
