// widget.js: the loader a host page includes. It stays tiny: no UI of its own, only the frame that holds the
// chat, its placement, the command queue and the events. Including it twice, or once per bot, is safe.
import { Msg, accept, message, originOf } from '../shared/protocol.js';
import { createEmitter, parseCommand } from '../shared/commands.js';
import { MOBILE_MAX_WIDTH, applyStyle, frameStyle } from './layout.js';

const GLOBAL = 'ChatSphere';
const script = document.currentScript;

function hostOfScript() {
  const src = script && script.src;
  const origin = src ? originOf(src) : null;
  return origin || window.location.origin;
}

function settingsFromPage() {
  const found = [];
  const fromScript = script && script.getAttribute('data-bot-id');
  if (fromScript) {
    found.push({ botId: fromScript, locale: script.getAttribute('data-locale') || undefined, host: hostOfScript() });
  }

  const configured = window.ChatSphereSettings;
  for (const entry of Array.isArray(configured) ? configured : configured ? [configured] : []) {
    if (entry && typeof entry.botId === 'string') {
      found.push(Object.assign({ host: hostOfScript() }, entry));
    }
  }

  return found;
}

function createWidget(settings, emitter) {
  const host = originOf(settings.host) || hostOfScript();
  const botId = settings.botId;
  const frame = document.createElement('iframe');
  let ready = false;
  let layout = { open: false, position: 'right', offsetX: 20, offsetY: 20 };
  const waiting = [];

  frame.src = `${host}/widget/frame.html?bot=${encodeURIComponent(botId)}`;
  frame.title = 'Chat';
  frame.setAttribute('allow', 'clipboard-write');
  frame.setAttribute('data-chatsphere-bot', botId);
  applyStyle(frame, Object.assign(frameStyle(layout, window.innerWidth), { display: 'none' }));

  const post = (msg) => frame.contentWindow && frame.contentWindow.postMessage(msg, host);
  const place = () => applyStyle(frame, frameStyle(layout, window.innerWidth));
  // The frame cannot see the page's width (its own is the panel's), so it is told whether to fill the screen.
  let mobile = null;
  const tellViewport = () => {
    const now = window.innerWidth < MOBILE_MAX_WIDTH;
    if (now !== mobile) {
      mobile = now;
      post(message(Msg.Viewport, { mobile }));
    }
  };

  const storageKey = `chatsphere.v1.${botId}`;
  const readSaved = () => {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || 'null');
    } catch {
      return null;
    }
  };

  frame.addEventListener('load', () => {
    post(message(Msg.Init, { saved: readSaved(), page: window.location.href, settings: { botId, locale: settings.locale || null, user: settings.user || null, open: !!settings.open } }));
    mobile = null;
    tellViewport();
  });

  window.addEventListener('message', (event) => {
    const msg = accept(event, frame.contentWindow, host);
    if (!msg) {
      return;
    }

    if (msg.type === Msg.Layout) {
      const wasOpen = layout.open;
      layout = Object.assign({}, layout, msg.layout);
      if (typeof layout.title === 'string' && layout.title) {
        frame.title = layout.title.slice(0, 100);
      }

      place();
      // Move focus into the frame only when it is on the host page; focusing the frame again would undo the
      // frame's own choice of element.
      if (layout.open && !wasOpen && msg.layout.focus && document.activeElement !== frame) {
        frame.focus();
      }
    } else if (msg.type === Msg.Save) {
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(msg.saved || {}));
      } catch {
        // Storage blocked or full: the conversation lasts as long as the page.
      }
    } else if (msg.type === Msg.Ready) {
      ready = true;
      place();
      waiting.splice(0).forEach(post);
      emitter.emit('ready', { botId });
    } else if (msg.type === Msg.Event && ['open', 'close', 'message'].includes(msg.name)) {
      emitter.emit(msg.name, Object.assign({ botId }, msg.detail));
    }
  });

  // Another tab of the site changed the visitor's state (say, started a new conversation): tell this frame.
  window.addEventListener('storage', (event) => {
    if (event.key === storageKey && ready) {
      post(message(Msg.Saved, { saved: readSaved() }));
    }
  });

  window.addEventListener('resize', () => {
    tellViewport();
    if (ready) {
      place();
    }
  });
  (document.body || document.documentElement).appendChild(frame);

  return {
    botId,
    command(name, args) {
      const msg = message(Msg.Command, { name, args });
      if (ready) {
        post(msg);
      } else {
        waiting.push(msg);
      }
    },
  };
}

function install() {
  const existing = window[GLOBAL];
  if (existing && existing.loaded) {
    // Included again (another bot's tag, or the same tag twice): add only widgets not there yet.
    settingsFromPage().forEach((s) => existing.add(s));
    return;
  }

  const queued = existing && Array.isArray(existing.q) ? existing.q : [];
  const emitter = createEmitter();
  const widgets = new Map();

  const api = function ChatSphere() {
    let command;
    try {
      command = parseCommand(arguments);
    } catch (error) {
      console.error(error.message);
      return;
    }

    if (command.name === 'on' || command.name === 'off') {
      const [event, handler] = command.args;
      const filtered = command.botId ? wrapFor(command.botId, handler) : handler;
      emitter[command.name](event, filtered);
      return;
    }

    for (const widget of widgets.values()) {
      if (!command.botId || command.botId === widget.botId) {
        widget.command(command.name, command.args);
      }
    }
  };

  const wrappers = new WeakMap();
  function wrapFor(botId, handler) {
    if (!wrappers.has(handler)) {
      wrappers.set(handler, (detail) => detail && detail.botId === botId && handler(detail));
    }

    return wrappers.get(handler);
  }

  api.loaded = true;
  api.add = (settings) => {
    if (settings && settings.botId && !widgets.has(settings.botId)) {
      widgets.set(settings.botId, createWidget(settings, emitter));
    }
  };

  window[GLOBAL] = api;
  const start = () => {
    settingsFromPage().forEach(api.add);
    queued.forEach((args) => api.apply(null, Array.from(args)));
  };

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start, { once: true });
  }
}

install();
