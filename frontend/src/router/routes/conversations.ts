import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    // The live inbox: every conversation of the workspace (filters for bot, mode, status, assignee, rating...).
    path: '/conversations/:conversationId?',
    name: 'conversations',
    component: () => import('@/views/conversations/ConversationsView.vue'),
    meta: { title: 'conversations.title', permission: 'read', nav: { label: 'conversations.nav', icon: 'chat', section: 'operate', order: 100 } },
  },
  {
    // The same inbox for one bot, as a tab of its pages.
    path: '/chatbots/:botId/conversations/:conversationId?',
    name: 'chatbot-conversations',
    component: () => import('@/views/conversations/ConversationsView.vue'),
    meta: { title: 'conversations.title', permission: 'read', botTab: { label: 'conversations.tab', order: 40 } },
  },
];

export default routes;
