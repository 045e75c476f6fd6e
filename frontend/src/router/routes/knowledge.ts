import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/chatbots/:botId/knowledge',
    name: 'chatbot-knowledge',
    component: () => import('@/views/knowledge/KnowledgeView.vue'),
    meta: { title: 'knowledge.title', permission: 'read', botTab: { label: 'knowledge.tab', order: 10 } },
  },
];

export default routes;
