/** The widget's postMessage protocol (widget/src/shared/protocol.js): the dashboard is the preview frame's host page. */
export const WIDGET_PROTOCOL = 'chatsphere:widget:v1';

/** The first message a host sends the frame: it boots the real widget, open, without a saved conversation. */
export function initMessage(botId: string, page: string, saved: unknown = null) {
  return { cs: WIDGET_PROTOCOL, type: 'init', saved, page, settings: { botId, locale: null, user: null, open: true } };
}

/** The frame's `save` message (its visitor token and conversation), or undefined for any other message. */
export function savedState(data: unknown): unknown {
  const message = data as { cs?: unknown; type?: unknown; saved?: unknown } | null;
  return message && message.cs === WIDGET_PROTOCOL && message.type === 'save' ? message.saved ?? null : undefined;
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
