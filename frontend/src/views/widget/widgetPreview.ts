/** The widget's postMessage protocol (widget/src/shared/protocol.js): the dashboard is the preview frame's host page. */
export const WIDGET_PROTOCOL = 'chatsphere:widget:v1';

/** The first message a host sends the frame: it boots the real widget, open, without a saved conversation. */
export function initMessage(botId: string, page: string) {
  return { cs: WIDGET_PROTOCOL, type: 'init', saved: null, page, settings: { botId, locale: null, user: null, open: true } };
}

/** The `preview` command: unsaved appearance settings shown over the saved ones. */
export function previewMessage(appearance: Record<string, unknown>) {
  return { cs: WIDGET_PROTOCOL, type: 'command', name: 'preview', args: [appearance] };
}

/** The snippet a site pastes to embed the bot. */
export function embedSnippet(host: string, botId: string): string {
  return `<script async src="${host}/widget.js" data-bot-id="${botId}"></script>`;
}

/** Where the widget is served from: the API's base URL, or this page's origin when the dashboard is the API. */
export function widgetHost(apiBaseUrl: string, origin: string): string {
  return apiBaseUrl || origin;
}
