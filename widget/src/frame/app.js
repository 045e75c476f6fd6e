// The chat frame: the launcher, the panel and the conversation. It talks to its host page only through the
// prefixed postMessage protocol (sender window and origin checked, exact target origin on every post) and
// to the server through the hub and the public widget config.
import { Msg, accept, message } from '../shared/protocol.js';
import { applyEvent, awaitingReply, createConversation, failOutgoing, ordered, queueOutgoing, resumePoint } from './conversation.js';
import { createChatClient, createStore } from './client.js';
import { ICONS, el, focusables, icon } from './dom.js';
import { chooseLocale, translator } from './i18n.js';
import { textToCopy } from './copy-text.js';
import { renderMarkdown, safeUrl } from './markdown.js';
import { textOn } from './theme.js';

const LEAD_FIELDS = ['name', 'email', 'phone', 'company'];

export function startFrame(win) {
  const params = new URLSearchParams(win.location.search);
  const botId = params.get('bot') || '';
  const apiOrigin = win.location.origin;
  const embedded = win.parent !== win;
  let hostOrigin = embedded ? null : apiOrigin;
  let pageUrl = '';
  let settings = { locale: null, user: null, open: false };
  let config = null;
  // Unsaved appearance settings shown over the saved ones (the dashboard's live preview; 'preview' command).
  let previewAppearance = {};
  let t = translator('en');
  let isOpen = false;
  let unread = 0;
  let historyUpTo = 0;
  let status = 'connecting';
  let statusDetail = '';
  let client = null;
  let booted = false;
  let state = createConversation();
  let ratings = new Map();
  const store = createStore(botId, win, (saved) => post(Msg.Save, { saved }));
  const elements = new Map();
  const ui = build();

  // ---- host page channel ----
  function post(type, payload) {
    if (embedded && hostOrigin) {
      win.parent.postMessage(message(type, payload), hostOrigin);
    }
  }

  function emit(name, detail) {
    post(Msg.Event, { name, detail: detail || {} });
  }

  win.addEventListener('message', (event) => {
    if (!hostOrigin && event.source === win.parent && event.data && event.data.type === Msg.Init) {
      // The first init names the host page: from now on only it may talk to this frame.
      hostOrigin = event.origin;
    }

    const msg = accept(event, win.parent, hostOrigin);
    if (!msg) {
      return;
    }

    if (msg.type === Msg.Init && !booted) {
      booted = true;
      settings = Object.assign(settings, msg.settings || {});
      pageUrl = typeof msg.page === 'string' ? msg.page : '';
      store.load(msg.saved);
      boot();
    } else if (msg.type === Msg.Command) {
      run(msg.name, msg.args || []);
    } else if (msg.type === Msg.Saved) {
      const before = store.get('visitorToken');
      store.load(msg.saved);
      if (client && store.get('visitorToken') !== before) {
        client.reopen();
      }
    } else if (msg.type === Msg.Viewport) {
      ui.root.classList.toggle('cs-mobile', !!msg.mobile);
    }
  });

  function run(name, args) {
    switch (name) {
      case 'open':
        return setOpen(true, true);
      case 'close':
        return setOpen(false, false);
      case 'toggle':
        return setOpen(!isOpen, !isOpen);
      case 'reset':
        return reset();
      case 'setLocale':
        settings.locale = args[0];
        return applyConfig();
      case 'setUser':
        settings.user = args[0];
        return identify();
      case 'preview':
        previewAppearance = Object.assign({}, args[0]);
        return applyConfig();
      default:
        return undefined;
    }
  }

  // ---- start-up ----
  async function boot() {
    await fetchConfig();
    layout(false);
    ui.launcher.hidden = false;
    post(Msg.Ready, {});

    client = createChatClient({
      apiOrigin,
      botId,
      hostOrigin,
      pageUrl,
      store,
      resumeAfter: () => resumePoint(state),
      onEvent,
      onStatus: setStatus,
      onConversation,
    });
    client.start();

    win.document.addEventListener('visibilitychange', () => win.document.visibilityState === 'visible' && fetchConfig());

    if (settings.open || store.get('open')) {
      setOpen(true, false);
    } else if (config && appearance().autoOpenDelaySeconds > 0 && !store.get('autoOpened')) {
      setTimeout(() => {
        store.set('autoOpened', true);
        if (!isOpen) {
          setOpen(true, false);
        }
      }, appearance().autoOpenDelaySeconds * 1000);
    }
  }

  async function fetchConfig() {
    try {
      const response = await fetch(`${apiOrigin}/api/v1/widget/${encodeURIComponent(botId)}/config`, { cache: 'no-store' });
      if (response.ok) {
        config = await response.json();
      } else if (!config) {
        setStatus('unavailable');
      }
    } catch {
      if (!config) {
        setStatus('unavailable');
      }
    }

    applyConfig();
  }

  function onConversation(started, changed) {
    ui.root.dataset.conversation = started.conversationId;
    if (changed) {
      // What the visitor typed before the conversation was open is still to be sent (reset empties it itself).
      const outbox = state.outbox;
      state = createConversation();
      state.outbox = outbox;
      ui.messages.replaceChildren();
      elements.clear();
      historyUpTo = started.lastSeq;
    }

    ui.welcome.replaceChildren(renderMarkdown(win.document, started.welcome || (config && config.welcome) || '', []));
    renderSuggestions(started.suggestedQuestions || []);
    identify();
    resendPending();
    refresh();
    loadRatings(started.conversationId);
  }

  /** Ratings given earlier (another page load or tab) show as pressed buttons. */
  async function loadRatings(conversationId) {
    try {
      const given = await client.ratings();
      if (client.conversationId !== conversationId) {
        return;
      }

      ratings = new Map(Object.entries(given || {}));
      for (const msg of state.messages.values()) {
        if (!msg.feedback && ratings.has(msg.id)) {
          msg.feedback = ratings.get(msg.id);
          renderMessage(msg);
        }
      }
    } catch {
      // Without them the buttons start unpressed; rating still works.
    }
  }

  // ---- events from the server ----
  function onEvent(e) {
    const changed = applyEvent(state, e);
    if (!changed) {
      return;
    }

    if (changed.complete && !changed.feedback && ratings.has(changed.id)) {
      changed.feedback = ratings.get(changed.id);
    }

    renderMessage(changed);
    if (changed.role === 'user') {
      renderOutbox();
    }

    if (changed.complete && changed.seq > historyUpTo) {
      historyUpTo = Math.max(historyUpTo, changed.seq);
      emit('message', { role: changed.role, text: changed.text, messageId: changed.id });
      if (changed.role === 'assistant') {
        ui.live.textContent = `${t('assistant')}: ${changed.text}`;
        if (!isOpen) {
          unread += 1;
          renderLauncher();
        }
      }
    }

    refresh();
  }

  function setStatus(next, error) {
    status = next;
    statusDetail = error && error.message ? error.message.replace(/^.*HubException: /, '') : '';
    renderBanner();
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

    const id = clientMessageId || newClientId();
    const existing = state.outbox.find((o) => o.clientMessageId === id);
    if (existing) {
      existing.status = 'sending';
    } else {
      queueOutgoing(state, id, trimmed);
    }

    renderOutbox();
    refresh();
    try {
      await client.send(id, trimmed);
    } catch (failure) {
      if (!failure || !failure.lost) {
        failOutgoing(state, id, failure && failure.error && failure.error.message);
        renderOutbox();
      }
      // When the connection was lost the message stays queued and is sent again (same id) on reconnect.
    }

    refresh();
  }

  function resendPending() {
    for (const pending of state.outbox.filter((o) => o.status === 'sending')) {
      sendText(pending.text, pending.clientMessageId);
    }
  }

  async function reset() {
    if (client) {
      state.outbox.length = 0;
      renderOutbox();
      await client.reset().catch(() => {});
      ui.input.focus();
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

  async function rate(msg, rating) {
    const next = msg.feedback === rating ? 'none' : rating;
    try {
      await client.feedback(msg.id, next);
      msg.feedback = next === 'none' ? null : next;
      if (msg.feedback) {
        ratings.set(msg.id, msg.feedback);
      } else {
        ratings.delete(msg.id);
      }

      renderMessage(msg);
      // The buttons were drawn again: keep keyboard focus on the one just used.
      const item = elements.get(msg.seq);
      const again = item && item.querySelectorAll('.cs-action')[rating === 'up' ? 0 : 1];
      if (again) {
        again.focus();
      }
    } catch (error) {
      console.error(`ChatSphere: feedback failed: ${error && error.message}`);
    }
  }

  function copy(msg, button) {
    const done = () => {
      button.setAttribute('aria-label', t('copied'));
      button.title = t('copied');
      ui.live.textContent = t('copied');
    };
    if (win.navigator.clipboard && win.navigator.clipboard.writeText) {
      win.navigator.clipboard.writeText(textToCopy(msg, t('sources'))).then(done, () => {});
    }
  }

  // ---- open / close / layout ----
  function setOpen(open, moveFocus) {
    if (open === isOpen) {
      return;
    }

    isOpen = open;
    store.set('open', open);
    ui.panel.hidden = !open;
    ui.root.classList.toggle('cs-open', open);
    if (open) {
      unread = 0;
      fetchConfig();
    }

    renderLauncher();
    layout(moveFocus);
    emit(open ? 'open' : 'close');
    if (open) {
      if (moveFocus) {
        win.setTimeout(() => (ui.lead.hidden ? ui.input : focusables(ui.lead)[0] || ui.input).focus(), 0);
      }
      scrollToEnd();
    } else {
      ui.launcher.focus();
    }
  }

  function layout(focus) {
    const a = appearance();
    post(Msg.Layout, { layout: { open: isOpen, position: a.position || 'right', offsetX: a.offsetX ?? 20, offsetY: a.offsetY ?? 20, focus: !!focus, title: ui.title.textContent } });
  }

  function onKeyDown(event) {
    if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      setOpen(false, false);
      return;
    }

    if (event.key !== 'Tab' || !isOpen) {
      return;
    }

    const items = focusables(ui.panel);
    if (items.length === 0) {
      return;
    }

    const first = items[0];
    const last = items[items.length - 1];
    const active = win.document.activeElement;
    if (event.shiftKey && (active === first || !ui.panel.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !ui.panel.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  }

  // ---- rendering ----
  function build() {
    const doc = win.document;
    const launcher = el('button', { type: 'button', class: 'cs-launcher', 'aria-controls': 'cs-panel', 'aria-expanded': 'false', hidden: true, onclick: () => setOpen(!isOpen, true) });
    const badge = el('span', { class: 'cs-badge', hidden: true, 'aria-hidden': 'true' });
    const title = el('h1', { id: 'cs-title', class: 'cs-title' });
    const subtitle = el('p', { class: 'cs-subtitle' });
    const avatar = el('img', { class: 'cs-avatar', alt: '', hidden: true });
    const resetButton = el('button', { type: 'button', class: 'cs-icon-button', onclick: reset }, icon(ICONS.reset));
    const closeButton = el('button', { type: 'button', class: 'cs-icon-button', onclick: () => setOpen(false, false) }, icon(ICONS.close));
    const banner = el('div', { class: 'cs-banner', role: 'alert', hidden: true });
    const welcome = el('div', { class: 'cs-bubble cs-assistant cs-welcome', dir: 'auto' });
    const messages = el('ol', { class: 'cs-messages', id: 'cs-messages' });
    const typing = el('div', { class: 'cs-typing', hidden: true }, [el('span', { class: 'cs-dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]), el('span', { class: 'cs-sr-only' })]);
    const suggestions = el('div', { class: 'cs-suggestions', role: 'group' });
    const lead = el('form', { class: 'cs-lead', hidden: true, novalidate: true });
    const input = el('textarea', { id: 'cs-input', class: 'cs-input', rows: '1', maxlength: '4000', enterkeyhint: 'send', dir: 'auto' });
    const inputLabel = el('label', { for: 'cs-input', class: 'cs-sr-only' });
    const send = el('button', { type: 'submit', class: 'cs-send' }, icon(ICONS.send));
    const composer = el('form', { class: 'cs-composer' }, [inputLabel, input, send]);
    const live = el('div', { class: 'cs-sr-only', role: 'status', 'aria-live': 'polite' });
    const powered = el('p', { class: 'cs-powered' });
    const scroller = el('div', { class: 'cs-scroll' }, [welcome, messages, typing, suggestions, lead]);
    const panel = el('section', { id: 'cs-panel', class: 'cs-panel', role: 'dialog', 'aria-labelledby': 'cs-title', hidden: true }, [
      el('header', { class: 'cs-header' }, [avatar, el('div', { class: 'cs-heading' }, [title, subtitle]), resetButton, closeButton]),
      banner,
      scroller,
      composer,
      powered,
      live,
    ]);
    const root = el('main', { class: 'cs-root' }, [panel, launcher]);
    launcher.appendChild(badge);

    composer.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value;
      input.value = '';
      sendText(text);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        composer.requestSubmit();
      }
    });
    lead.addEventListener('submit', submitLead);
    // On the document, so Escape and the focus trap work wherever focus is in the frame (even on its body).
    doc.addEventListener('keydown', onKeyDown);
    doc.body.appendChild(root);
    return { root, launcher, badge, title, subtitle, avatar, resetButton, closeButton, banner, welcome, messages, typing, suggestions, lead, input, inputLabel, send, panel, live, powered, scroller };
  }

  function appearance() {
    return Object.assign({}, config ? config.appearance : {}, previewAppearance);
  }

  function applyConfig() {
    const doc = win.document;
    const a = appearance();
    const locale = chooseLocale(settings.locale, a.locale, win.navigator.languages || [win.navigator.language]);
    t = translator(locale);
    doc.documentElement.lang = locale;
    doc.documentElement.dir = t('dir');
    const primary = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(a.primaryColor || '') ? a.primaryColor : '#1d4ed8';
    doc.documentElement.style.setProperty('--cs-primary', primary);
    doc.documentElement.style.setProperty('--cs-on-primary', textOn(primary));
    const dark = a.theme === 'dark' || (a.theme === 'auto' && win.matchMedia && win.matchMedia('(prefers-color-scheme: dark)').matches);
    doc.documentElement.classList.toggle('cs-dark', !!dark);
    ui.root.classList.toggle('cs-left', a.position === 'left');

    ui.title.textContent = a.title || (config && config.name) || t('assistant');
    ui.subtitle.textContent = a.subtitle || '';
    ui.subtitle.hidden = !a.subtitle;
    const avatar = safeUrl(a.avatarUrl);
    ui.avatar.hidden = !avatar;
    if (avatar && ui.avatar.getAttribute('src') !== avatar) {
      ui.avatar.src = avatar;
    }

    ui.input.placeholder = a.placeholder || t('placeholder');
    ui.inputLabel.textContent = t('messageLabel');
    ui.send.setAttribute('aria-label', t('send'));
    ui.resetButton.setAttribute('aria-label', t('newConversation'));
    ui.resetButton.title = t('newConversation');
    ui.closeButton.setAttribute('aria-label', t('closeChat'));
    ui.closeButton.title = t('closeChat');
    ui.messages.setAttribute('aria-label', t('conversation'));
    ui.suggestions.setAttribute('aria-label', t('suggested'));
    ui.typing.lastChild.textContent = t('typing');
    ui.powered.textContent = t('poweredBy');
    doc.title = ui.title.textContent;
    renderLauncher();
    renderLead();
    renderBanner();
    ordered(state).forEach(renderMessage);
    renderOutbox();
    layout(false);
  }

  function renderLauncher() {
    const a = appearance();
    const custom = safeUrl(a.launcherIcon);
    const glyph = custom ? el('img', { src: custom, alt: '', class: 'cs-launcher-image' }) : icon(isOpen ? ICONS.close : ICONS[a.launcherIcon] || ICONS.chat);
    ui.launcher.replaceChildren(glyph, ui.badge);
    ui.launcher.setAttribute('aria-expanded', String(isOpen));
    const label = isOpen ? t('closeChat') : t('openChat');
    ui.launcher.setAttribute('aria-label', unread > 0 ? `${label} (${t('unread', { count: unread })})` : label);
    ui.badge.hidden = unread === 0 || isOpen;
    ui.badge.textContent = unread > 9 ? '9+' : String(unread);
  }

  function renderBanner() {
    const text = { reconnecting: t('reconnecting'), refused: t('notAllowed'), unavailable: t('unavailable') }[status];
    ui.banner.hidden = !text;
    ui.banner.replaceChildren();
    if (text) {
      ui.banner.appendChild(el('strong', { text }));
      if (status === 'refused' && statusDetail) {
        ui.banner.appendChild(el('span', { class: 'cs-banner-detail', text: statusDetail }));
      }
    }

    ui.root.classList.toggle('cs-refused', status === 'refused');
    ui.input.disabled = status === 'refused' || status === 'unavailable';
    ui.send.disabled = ui.input.disabled;
  }

  function renderSuggestions(questions) {
    ui.suggestions.replaceChildren(...questions.map((q) => el('button', { type: 'button', class: 'cs-chip', text: q, onclick: () => sendText(q) })));
  }

  function renderLead() {
    const lead = config && config.leadCapture;
    const conversation = client && client.conversationId;
    const done = conversation && store.get(`lead.${conversation}`);
    const show = !!(lead && lead.enabled && !done && conversation);
    ui.lead.hidden = !show;
    if (!show) {
      return;
    }

    const fields = (lead.fields || ['name', 'email']).filter((f) => LEAD_FIELDS.includes(f));
    ui.lead.replaceChildren(
      el('p', { class: 'cs-lead-title', id: 'cs-lead-title', text: lead.title || t('leadTitle') }),
      ...fields.map((field) => el('div', { class: 'cs-field' }, [
        el('label', { for: `cs-lead-${field}`, text: t(field) }),
        el('input', { id: `cs-lead-${field}`, name: field, type: field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text', autocomplete: field === 'company' ? 'organization' : field === 'phone' ? 'tel' : field, required: true, 'aria-describedby': `cs-lead-${field}-error` }),
        el('span', { id: `cs-lead-${field}-error`, class: 'cs-field-error' }),
      ])),
      el('button', { type: 'submit', class: 'cs-primary-button', text: t('leadSubmit') }),
    );
    ui.lead.setAttribute('aria-labelledby', 'cs-lead-title');
  }

  async function submitLead(event) {
    event.preventDefault();
    const values = {};
    let firstInvalid = null;
    for (const input of ui.lead.querySelectorAll('input')) {
      const value = input.value.trim();
      const error = !value ? t('required') : input.type === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? t('invalidEmail') : '';
      input.setAttribute('aria-invalid', String(!!error));
      ui.lead.querySelector(`#${input.id}-error`).textContent = error;
      firstInvalid = firstInvalid || (error ? input : null);
      values[input.name] = value;
    }

    if (firstInvalid) {
      firstInvalid.focus();
      return;
    }

    try {
      await client.submitLead(values);
      store.set(`lead.${client.conversationId}`, true);
      renderLead();
      ui.input.focus();
    } catch (error) {
      console.error(`ChatSphere: the form was refused: ${error && error.message}`);
    }
  }

  function renderMessage(msg) {
    const doc = win.document;
    const item = elements.get(msg.seq) || el('li', { class: 'cs-message' });
    if (!elements.has(msg.seq)) {
      elements.set(msg.seq, item);
      const next = Array.from(elements.keys()).filter((s) => s > msg.seq).sort((a, b) => a - b)[0];
      ui.messages.insertBefore(item, next === undefined ? null : elements.get(next));
    }

    const assistant = msg.role === 'assistant';
    item.className = `cs-message ${assistant ? 'cs-from-assistant' : 'cs-from-user'}`;
    // dir=auto: each message reads in its own direction (English in an Arabic widget keeps its punctuation).
    const bubble = el('div', { class: `cs-bubble ${assistant ? 'cs-assistant' : 'cs-user'}`, dir: 'auto' }, [
      el('span', { class: 'cs-sr-only', text: `${assistant ? t('assistant') : t('you')}: ` }),
    ]);
    bubble.appendChild(renderMarkdown(doc, msg.text, msg.citations));
    const parts = [bubble];

    if (assistant && msg.citations && msg.citations.length > 0 && msg.complete) {
      parts.push(el('div', { class: 'cs-sources' }, [
        el('span', { class: 'cs-sources-label', text: t('sources') }),
        el('ol', {}, msg.citations.map((c) => {
          const href = safeUrl(c.url);
          const label = `${c.title || c.sourceId}`;
          return el('li', { value: String(c.index) }, href ? el('a', { href, target: '_blank', rel: 'noopener noreferrer nofollow', text: label }) : el('span', { text: label }));
        })),
      ]));
    }

    if (msg.status === 'error' || msg.status === 'interrupted') {
      const question = state.messages.get(msg.seq - 1);
      parts.push(el('div', { class: 'cs-error', role: 'alert' }, [
        el('span', { text: t('replyFailed') }),
        question ? el('button', { type: 'button', class: 'cs-link-button', text: t('retry'), onclick: () => sendText(question.text) }) : null,
      ]));
    } else if (assistant && msg.complete) {
      const up = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('helpful'), title: t('helpful'), 'aria-pressed': String(msg.feedback === 'up'), onclick: () => rate(msg, 'up') }, icon(ICONS.up));
      const down = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('notHelpful'), title: t('notHelpful'), 'aria-pressed': String(msg.feedback === 'down'), onclick: () => rate(msg, 'down') }, icon(ICONS.down));
      const copyButton = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('copy'), title: t('copy') }, icon(ICONS.copy));
      copyButton.addEventListener('click', () => copy(msg, copyButton));
      parts.push(el('div', { class: 'cs-actions' }, [up, down, copyButton]));
    }

    item.replaceChildren(...parts);
    item.dataset.seq = String(msg.seq);
    item.dataset.status = msg.status;
    scrollToEnd();
  }

  function renderOutbox() {
    ui.messages.querySelectorAll('.cs-pending').forEach((node) => node.remove());
    for (const pending of state.outbox) {
      ui.messages.appendChild(el('li', { class: 'cs-message cs-from-user cs-pending', 'data-status': pending.status }, [
        el('div', { class: 'cs-bubble cs-user', dir: 'auto' }, [el('span', { class: 'cs-sr-only', text: `${t('you')}: ` }), el('p', { text: pending.text })]),
        pending.status === 'failed'
          ? el('div', { class: 'cs-error', role: 'alert' }, [
            el('span', { text: t('sendFailed') }),
            el('button', { type: 'button', class: 'cs-link-button', text: t('retry'), onclick: () => sendText(pending.text, pending.clientMessageId) }),
          ])
          : null,
      ]));
    }

    scrollToEnd();
  }

  function refresh() {
    const all = ordered(state);
    const last = all[all.length - 1];
    const waiting = awaitingReply(state) || (last && last.role === 'assistant' && !last.complete && last.status !== 'error' && last.text === '');
    ui.typing.hidden = !waiting;
    ui.suggestions.hidden = all.length > 0 || state.outbox.length > 0;
    renderLead();
    scrollToEnd();
  }

  function scrollToEnd() {
    ui.scroller.scrollTop = ui.scroller.scrollHeight;
  }

  if (!embedded) {
    // Opened on its own (a preview): it is its own host.
    booted = true;
    boot();
  }
}
