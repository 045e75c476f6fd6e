import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    // The sidebar entry: picks a bot (the first, or the last one looked at) and shows its conversations.
    path: '/conversations',
    name: 'conversations',
    component: () => import('@/views/conversations/ConversationsView.vue'),
    meta: { title: 'conversations.title', permission: 'read', nav: { label: 'conversations.nav', icon: 'chat', section: 'operate', order: 100 } },
  },
  {
    path: '/chatbots/:botId/conversations/:conversationId?',
    name: 'chatbot-conversations',
    component: () => import('@/views/conversations/ConversationsView.vue'),
    meta: { title: 'conversations.title', permission: 'read', botTab: { label: 'conversations.tab', order: 40 } },
  },
];

export default routes;
