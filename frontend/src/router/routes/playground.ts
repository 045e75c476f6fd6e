import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/chatbots/:botId/playground',
    name: 'chatbot-playground',
    component: () => import('@/views/playground/PlaygroundView.vue'),
    meta: { title: 'playground.title', permission: 'chat', botTab: { label: 'playground.tab', order: 20 } },
  },
];

export default routes;
