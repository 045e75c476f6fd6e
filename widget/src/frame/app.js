// The chat frame's coordinator: it owns the conversation state and the connection to the server (the hub and the
// public widget config), and wires the rooms together: the host channel (postMessage with the host page), the panel,
// the config view, the lead form, the message view, the ratings and the live view (a person instead of the bot). Each
// room reads the shared `view` object below.
import { Msg } from '../shared/protocol.js';
import { applyEvent, createConversation, failOutgoing, queueOutgoing, resumePoint } from './conversation.js';
import { createChatClient, createStore } from './client.js';
import { translator } from './i18n.js';
import { createHostChannel } from './host-channel.js';
import { buildPanel, focusTarget, handleKeys, layoutOf, renderBanner, renderLauncher, showPanel } from './panel.js';
import { appearanceOf, applyAppearance, loadConfig } from './config-view.js';
import { createLeadForm } from './lead-form.js';
import { createMessageView } from './message-view.js';
import { createRatings } from './ratings.js';
import { applyLiveEvent, createLive, sendsTyping, stopAgentTyping, throttle } from './live.js';
import { createLiveView } from './live-view.js';

// The visitor's typing reaches the agent at most this often; the agent's indicator goes out this long after their last signal.
const TYPING_EVERY_MS = 3000;
const AGENT_TYPING_MS = 6000;

export function startFrame(win) {
  const params = new URLSearchParams(win.location.search);
  const botId = params.get('bot') || '';
  const apiOrigin = win.location.origin;
  let pageUrl = '';
  let settings = { locale: null, user: null, open: false };
  let historyUpTo = 0;
  let client = null;
  // What every room reads: the bot's public config, the translator of the chosen language, the panel's and the
  // connection's state, the conversation, and the elements.
  const view = { win, ui: null, config: null, t: translator('en'), isOpen: false, unread: 0, status: 'connecting', statusDetail: '', state: createConversation(), preview: {}, live: createLive() };
  const channel = createHostChannel(win, apiOrigin, { onInit, onCommand: run, onSaved, onViewport });
  const store = createStore(botId, win, (saved) => channel.post(Msg.Save, { saved }));
  view.ui = buildPanel(win, {
    toggle: () => setOpen(!view.isOpen, true),
    close: () => setOpen(false, false),
    reset,
    send: (text) => sendText(text),
    keydown: (event) => handleKeys(view, event, () => setOpen(false, false)),
  });
  const messages = createMessageView(view, { send: sendText, rate: (msg, rating) => ratings.rate(msg, rating) });
  const ratings = createRatings(view, messages, () => client);
  const lead = createLeadForm(view, { conversationId: () => client && client.conversationId, store, submit: (values) => client.submitLead(values) });
  const liveView = createLiveView(view, {
    conversationId: () => client && client.conversationId,
    store,
    // The answer says at once whether anybody can come (the stream's mode event says the same, maybe later).
    requestHuman: async () => {
      const answer = await client.requestHuman();
      if (answer && answer.mode) {
        onLiveEvent({ type: 'mode', mode: answer.mode, available: answer.available, text: answer.offlineMessage });
      }
    },
    leaveEmail: (email) => client.leaveEmail(email),
  });
  const sendTyping = throttle(() => client && client.typing().catch(() => {}), TYPING_EVERY_MS);
  let agentTypingTimer = 0;
  view.ui.input.addEventListener('input', () => sendsTyping(view.live) && view.ui.input.value.trim() && sendTyping());

  // ---- the host page ----
  function onInit(msg) {
    settings = Object.assign(settings, msg.settings || {});
    pageUrl = typeof msg.page === 'string' ? msg.page : '';
    store.load(msg.saved);
    boot();
  }

  function onSaved(saved) {
    const before = store.get('visitorToken');
    store.load(saved);
    if (client && store.get('visitorToken') !== before) {
      client.reopen();
    }
  }

  function onViewport(mobile) {
    view.ui.root.classList.toggle('cs-mobile', mobile);
  }

  function run(name, args) {
    switch (name) {
      case 'open':
        return setOpen(true, true);
      case 'close':
        return setOpen(false, false);
      case 'toggle':
        return setOpen(!view.isOpen, !view.isOpen);
      case 'reset':
        return reset();
      case 'setLocale':
        settings.locale = args[0];
        return applyConfig();
      case 'setUser':
        settings.user = args[0];
        return identify();
      case 'preview':
        // Unsaved appearance settings shown over the saved ones (the dashboard's live preview).
        view.preview = Object.assign({}, args[0]);
        return applyConfig();
      default:
        return undefined;
    }
  }

  function layout(focus) {
    channel.post(Msg.Layout, layoutOf(view, focus));
  }

  // ---- start-up ----
  async function boot() {
    await fetchConfig();
    layout(false);
    view.ui.launcher.hidden = false;
    channel.post(Msg.Ready, {});

    client = createChatClient({
      apiOrigin,
      botId,
      hostOrigin: channel.hostOrigin,
      pageUrl,
      store,
      resumeAfter: () => resumePoint(view.state),
      onEvent,
      onStatus: setStatus,
      onConversation,
    });
    client.start();

    win.document.addEventListener('visibilitychange', () => win.document.visibilityState === 'visible' && fetchConfig());

    const delaySeconds = view.config ? appearanceOf(view).autoOpenDelaySeconds : 0;
    if (settings.open || store.get('open')) {
      setOpen(true, false);
    } else if (delaySeconds > 0 && !store.get('autoOpened')) {
      setTimeout(() => {
        store.set('autoOpened', true);
        if (!view.isOpen) {
          setOpen(true, false);
        }
      }, delaySeconds * 1000);
    }
  }

  async function fetchConfig() {
    const loaded = await loadConfig(apiOrigin, botId);
    if (loaded) {
      view.config = loaded;
    } else if (!view.config) {
      setStatus('unavailable');
    }

    applyConfig();
  }

  /** The config (or the language) changed: everything that shows it is drawn again. */
  function applyConfig() {
    applyAppearance(view, settings.locale);
    renderLauncher(view);
    lead.render();
    liveView.render();
    renderBanner(view);
    messages.renderAll();
    layout(false);
  }

  function onConversation(started, changed) {
    view.ui.root.dataset.conversation = started.conversationId;
    if (changed) {
      // What the visitor typed before the conversation was open is still to be sent (reset empties it itself).
      const outbox = view.state.outbox;
      view.state = createConversation();
      view.state.outbox = outbox;
      view.live = createLive();
      messages.clear();
      historyUpTo = started.lastSeq;
    }

    messages.welcome(started.welcome || (view.config && view.config.welcome) || '');
    messages.renderSuggestions(started.suggestedQuestions || []);
    identify();
    resendPending();
    refresh();
    ratings.load(started.conversationId);
  }

  // ---- events from the server ----
  function onEvent(e) {
    if (e && (e.type === 'mode' || e.type === 'typing')) {
      onLiveEvent(e);
      return;
    }

    const changed = applyEvent(view.state, e);
    if (!changed) {
      return;
    }

    ratings.applyTo(changed);
    messages.renderMessage(changed);
    if (changed.role === 'user') {
      messages.renderOutbox();
    }

    if (changed.complete && changed.seq > historyUpTo) {
      historyUpTo = Math.max(historyUpTo, changed.seq);
      channel.emit('message', { role: changed.role, text: changed.text, messageId: changed.id });
      if (changed.role === 'agent' && stopAgentTyping(view.live)) {
        win.clearTimeout(agentTypingTimer);
      }

      if (changed.role === 'assistant' || changed.role === 'agent') {
        const speaker = changed.role === 'agent' ? (changed.author && changed.author.name) || view.t('agent') : view.t('assistant');
        view.ui.live.textContent = `${speaker}: ${changed.text}`;
        if (!view.isOpen) {
          view.unread += 1;
          renderLauncher(view);
        }
      }
    }

    refresh();
  }

  /** A mode change (bot, waiting, human) or the agent typing. */
  function onLiveEvent(e) {
    const changed = applyLiveEvent(view.live, e);
    if (e.type === 'typing' ? e.role !== 'agent' || view.live.mode === 'bot' : !changed) {
      return;
    }

    if (e.type === 'typing') {
      // Each signal keeps the indicator a little longer; it goes when the agent stops or their message arrives.
      win.clearTimeout(agentTypingTimer);
      agentTypingTimer = win.setTimeout(() => stopAgentTyping(view.live) && refresh(), AGENT_TYPING_MS);
    } else {
      messages.renderAll();
    }

    refresh();
  }

  function setStatus(next, error) {
    view.status = next;
    view.statusDetail = error && error.message ? error.message.replace(/^.*HubException: /, '') : '';
    renderBanner(view);
  }

  function refresh() {
    messages.renderProgress();
    lead.render();
    liveView.render();
    messages.scrollToEnd();
  }

  // ---- actions ----
  function newClientId() {
    return win.crypto && win.crypto.randomUUID ? win.crypto.randomUUID() : `cm-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  }

  async function sendText(text, clientMessageId) {
    const trimmed = String(text || '').trim();
    if (!trimmed || !client) {
      return;
    }

    const state = view.state;
    const id = clientMessageId || newClientId();
    const existing = state.outbox.find((o) => o.clientMessageId === id);
    if (existing) {
      existing.status = 'sending';
    } else {
      queueOutgoing(state, id, trimmed);
    }

    messages.renderOutbox();
    refresh();
    try {
      await client.send(id, trimmed);
    } catch (failure) {
      if (!failure || !failure.lost) {
        failOutgoing(view.state, id, failure && failure.error && failure.error.message);
        messages.renderOutbox();
      }
      // When the connection was lost the message stays queued and is sent again (same id) on reconnect.
    }

    refresh();
  }

  function resendPending() {
    for (const pending of view.state.outbox.filter((o) => o.status === 'sending')) {
      sendText(pending.text, pending.clientMessageId);
    }
  }

  async function reset() {
    if (client) {
      view.state.outbox.length = 0;
      messages.renderOutbox();
      await client.reset().catch(() => {});
      view.ui.input.focus();
    }
  }

  async function identify() {
    const user = settings.user;
    if (!user || !client || !client.connected) {
      return;
    }

    try {
      await client.identify(user);
    } catch (error) {
      console.error(`ChatSphere: setUser was refused: ${error && error.message}`);
    }
  }

  // ---- open / close ----
  function setOpen(open, moveFocus) {
    if (open === view.isOpen) {
      return;
    }

    view.isOpen = open;
    store.set('open', open);
    showPanel(view, open);
    if (open) {
      view.unread = 0;
      fetchConfig();
    }

    renderLauncher(view);
    layout(moveFocus);
    channel.emit(open ? 'open' : 'close');
    if (open) {
      if (moveFocus) {
        win.setTimeout(() => focusTarget(view).focus(), 0);
      }
      messages.scrollToEnd();
    } else {
      view.ui.launcher.focus();
    }
  }

  if (!channel.embedded) {
    // Opened on its own (a preview): it is its own host.
    boot();
  }
}
