import type { RouteRecordRaw } from 'vue-router';

const routes: RouteRecordRaw[] = [
  {
    path: '/chatbots/:botId/widget',
    name: 'chatbot-widget',
    component: () => import('@/views/widget/WidgetView.vue'),
    meta: { title: 'widget.title', permission: 'read', botTab: { label: 'widget.tab', order: 30 } },
  },
];

export default routes;
