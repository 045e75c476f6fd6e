import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/chatbots',
    name: 'chatbots',
    component: () => import('@/views/chatbots/ChatbotsView.vue'),
    meta: { title: 'chatbots.title', nav: { label: 'nav.chatbots', icon: 'bot', section: 'build', order: 10 } },
  },
  {
    // A bot's settings; its other pages (knowledge, playground, widget...) are sibling routes under /chatbots/:botId
    // with meta.botTab (see router/botRoutes.ts).
    path: '/chatbots/:botId',
    name: 'chatbot',
    component: () => import('@/views/chatbots/ChatbotEditView.vue'),
    meta: { title: 'chatbots.edit.title', botTab: { label: 'chatbots.tabs.settings', order: 0 } },
  },
];

export default routes;
