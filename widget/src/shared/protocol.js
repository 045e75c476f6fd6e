// The postMessage protocol between the host page (loader) and the chat frame. Every message is an object
// { cs: PROTOCOL, type, ... }; anything else on the channel belongs to someone else and is ignored.
// Both sides name the exact target origin when posting and check the sender's window and origin on receipt.

export const PROTOCOL = 'chatsphere:widget:v1';

/** Kinds of message: parent -> frame and frame -> parent. */
export const Msg = Object.freeze({
  // parent -> frame
  Init: 'init',
  Command: 'command',
  Viewport: 'viewport',
  Saved: 'saved',
  // frame -> parent
  Ready: 'ready',
  Layout: 'layout',
  Event: 'event',
  Save: 'save',
});

/** Builds a protocol message. */
export function message(type, payload) {
  return Object.assign({}, payload, { cs: PROTOCOL, type });
}

/**
 * The protocol message carried by a MessageEvent, or null when the event is not ours: it must come from the
 * expected window and origin and carry a known type.
 */
export function accept(event, expectedSource, expectedOrigin) {
  if (!event || event.source !== expectedSource || event.origin !== expectedOrigin) {
    return null;
  }

  const data = event.data;
  if (!data || typeof data !== 'object' || data.cs !== PROTOCOL || typeof data.type !== 'string') {
    return null;
  }

  return Object.values(Msg).includes(data.type) ? data : null;
}

/** The origin (scheme://host[:port]) of an absolute URL, or null. */
export function originOf(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
