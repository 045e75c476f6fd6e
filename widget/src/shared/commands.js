// The public JS API: ChatSphere(command, ...args). Calls made before the loader ran are queued by the
// snippet (ChatSphere.q) and replayed in order. Each command may end with a bot id to address one widget
// when a page has several; without it the command goes to every widget on the page.

export const COMMANDS = Object.freeze(['open', 'close', 'toggle', 'reset', 'setUser', 'setLocale', 'preview', 'on', 'off']);

const ARITY = Object.freeze({ open: 0, close: 0, toggle: 0, reset: 0, setUser: 1, setLocale: 1, preview: 1, on: 2, off: 2 });

export const EVENTS = Object.freeze(['ready', 'open', 'close', 'message']);

/**
 * Parses one call's arguments into { name, args, botId } or throws a TypeError that says what is wrong.
 */
export function parseCommand(callArgs) {
  const [name, ...rest] = Array.from(callArgs);
  if (!COMMANDS.includes(name)) {
    throw new TypeError(`ChatSphere: unknown command '${String(name)}'. Known: ${COMMANDS.join(', ')}.`);
  }

  const arity = ARITY[name];
  const args = rest.slice(0, arity);
  const botId = rest.length > arity && typeof rest[arity] === 'string' ? rest[arity] : null;
  if ((name === 'on' || name === 'off') && (!EVENTS.includes(args[0]) || typeof args[1] !== 'function')) {
    throw new TypeError(`ChatSphere: '${name}' takes an event (${EVENTS.join(', ')}) and a function.`);
  }

  if (name === 'setLocale' && typeof args[0] !== 'string') {
    throw new TypeError("ChatSphere: 'setLocale' takes a language tag such as 'de' or 'ar'.");
  }

  if (name === 'setUser' && (args[0] === null || typeof args[0] !== 'object' || typeof args[0].id !== 'string')) {
    throw new TypeError("ChatSphere: 'setUser' takes { id, name?, email?, hash }.");
  }

  if (name === 'preview' && (args[0] === null || typeof args[0] !== 'object')) {
    throw new TypeError("ChatSphere: 'preview' takes appearance settings such as { primaryColor: '#0f766e' }.");
  }

  return { name, args, botId };
}

/** Event listeners by event name; emit() calls each, and one failing listener does not stop the others. */
export function createEmitter() {
  const listeners = new Map(EVENTS.map((e) => [e, new Set()]));
  return {
    on(event, handler) {
      listeners.get(event).add(handler);
    },
    off(event, handler) {
      listeners.get(event).delete(handler);
    },
    emit(event, detail) {
      for (const handler of listeners.get(event) ?? []) {
        try {
          handler(detail);
        } catch (error) {
          console.error('ChatSphere: an event listener failed', error);
        }
      }
    },
  };
}
