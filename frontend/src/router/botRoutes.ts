import type { RouteLocationRaw, Router } from 'vue-router';

/**
 * A bot's pages (settings here; knowledge, playground, widget from other areas) are routes under /chatbots/:botId
 * with `meta.botTab` ({ label, order }); BotTabs shows them as tabs. The get-started checklist links to these names
 * when they exist: `chatbot` (settings), `chatbot-knowledge`, `chatbot-playground`, `chatbot-widget`.
 */
export function botPage(router: Router, name: string, botId: string | null): RouteLocationRaw | null {
  if (!botId) {
    return null;
  }
  return router.hasRoute(name) ? { name, params: { botId } } : null;
}
