import type { RouteRecordRaw } from 'vue-router';

/** A bot's live chat: talk to a person, handoff rules, business hours, idle close, offline message. */
const routes: RouteRecordRaw[] = [
  {
    path: '/chatbots/:botId/live-chat',
    name: 'chatbot-live-chat',
    component: () => import('@/views/liveChat/LiveChatView.vue'),
    meta: { title: 'liveChat.title', permission: 'read', botTab: { label: 'liveChat.tab', order: 35 } },
  },
];

export default routes;
