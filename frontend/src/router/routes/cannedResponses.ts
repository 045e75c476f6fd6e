import type { RouteRecordRaw } from 'vue-router';

/** Canned responses: the saved replies agents insert in the inbox (workspace section; agents and up manage them). */
const routes: RouteRecordRaw[] = [
  {
    path: '/canned-responses',
    name: 'canned-responses',
    component: () => import('@/views/cannedResponses/CannedResponsesView.vue'),
    meta: { title: 'cannedResponses.title', permission: 'reply', nav: { label: 'cannedResponses.nav', icon: 'list', section: 'workspace', order: 245 } },
  },
];

export default routes;
