// The message view: the conversation's messages in seq order (streamed text, sources, retry on a failed reply, the
// rating and copy buttons on a finished one), the visitor's messages still being sent, the suggested questions, the
// typing indicator and the welcome. Reads the shared view ({ win, ui, t, state }); actions reach the app:
// send(text, clientMessageId?) and rate(msg, 'up' | 'down').
import { awaitingReply, ordered } from './conversation.js';
import { textToCopy } from './copy-text.js';
import { ICONS, el, icon } from './dom.js';
import { renderMarkdown, safeUrl } from './markdown.js';

export function createMessageView(view, actions) {
  // The list item of each message by seq, so a message that changes is drawn again in its place.
  const elements = new Map();

  function scrollToEnd() {
    view.ui.scroller.scrollTop = view.ui.scroller.scrollHeight;
  }

  /** Forgets every drawn message (a new conversation). */
  function clear() {
    view.ui.messages.replaceChildren();
    elements.clear();
  }

  function welcome(text) {
    view.ui.welcome.replaceChildren(renderMarkdown(view.win.document, text, []));
  }

  function renderSuggestions(questions) {
    view.ui.suggestions.replaceChildren(...questions.map((q) => el('button', { type: 'button', class: 'cs-chip', text: q, onclick: () => actions.send(q) })));
  }

  function copy(msg, button) {
    const { win, ui, t } = view;
    const done = () => {
      button.setAttribute('aria-label', t('copied'));
      button.title = t('copied');
      ui.live.textContent = t('copied');
    };
    if (win.navigator.clipboard && win.navigator.clipboard.writeText) {
      win.navigator.clipboard.writeText(textToCopy(msg, t('sources'))).then(done, () => {});
    }
  }

  function authorOf(msg) {
    return (msg.author && msg.author.name) || view.t('agent');
  }

  function renderMessage(msg) {
    const { ui, t } = view;
    const item = elements.get(msg.seq) || el('li', { class: 'cs-message' });
    if (!elements.has(msg.seq)) {
      elements.set(msg.seq, item);
      const next = Array.from(elements.keys()).filter((s) => s > msg.seq).sort((a, b) => a - b)[0];
      ui.messages.insertBefore(item, next === undefined ? null : elements.get(next));
    }

    const assistant = msg.role === 'assistant';
    const agent = msg.role === 'agent';
    item.className = `cs-message ${assistant ? 'cs-from-assistant' : agent ? 'cs-from-assistant cs-from-agent' : 'cs-from-user'}`;
    const speaker = assistant ? t('assistant') : agent ? authorOf(msg) : t('you');
    // dir=auto: each message reads in its own direction (English in an Arabic widget keeps its punctuation).
    const bubble = el('div', { class: `cs-bubble ${assistant || agent ? 'cs-assistant' : 'cs-user'}`, dir: 'auto' }, [
      el('span', { class: 'cs-sr-only', text: `${speaker}: ` }),
    ]);
    bubble.appendChild(renderMarkdown(view.win.document, msg.text, msg.citations));
    // A person's message says who wrote it (the sentence for screen readers is already in the bubble).
    const parts = agent ? [el('span', { class: 'cs-author', 'aria-hidden': 'true', dir: 'auto', text: speaker }), bubble] : [bubble];

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

    if (msg.status === 'interrupted' && view.live && view.live.mode !== 'bot') {
      // A reply cut short because a person took over: what was written stays, nothing to retry.
    } else if (msg.status === 'error' || msg.status === 'interrupted') {
      const question = view.state.messages.get(msg.seq - 1);
      parts.push(el('div', { class: 'cs-error', role: 'alert' }, [
        el('span', { text: t('replyFailed') }),
        question ? el('button', { type: 'button', class: 'cs-link-button', text: t('retry'), onclick: () => actions.send(question.text) }) : null,
      ]));
    } else if (assistant && msg.complete) {
      const up = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('helpful'), title: t('helpful'), 'aria-pressed': String(msg.feedback === 'up'), onclick: () => actions.rate(msg, 'up') }, icon(ICONS.up));
      const down = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('notHelpful'), title: t('notHelpful'), 'aria-pressed': String(msg.feedback === 'down'), onclick: () => actions.rate(msg, 'down') }, icon(ICONS.down));
      const copyButton = el('button', { type: 'button', class: 'cs-action', 'aria-label': t('copy'), title: t('copy') }, icon(ICONS.copy));
      copyButton.addEventListener('click', () => copy(msg, copyButton));
      parts.push(el('div', { class: 'cs-actions' }, [up, down, copyButton]));
    }

    item.replaceChildren(...parts);
    item.dataset.seq = String(msg.seq);
    item.dataset.status = msg.status;
    scrollToEnd();
  }

  /** Puts keyboard focus back on a message's rating button after it was drawn again. */
  function focusRating(msg, rating) {
    const item = elements.get(msg.seq);
    const again = item && item.querySelectorAll('.cs-action')[rating === 'up' ? 0 : 1];
    if (again) {
      again.focus();
    }
  }

  /** The visitor's messages not yet stored, after the stored ones; a failed one offers a retry with the same id. */
  function renderOutbox() {
    const { ui, t } = view;
    ui.messages.querySelectorAll('.cs-pending').forEach((node) => node.remove());
    for (const pending of view.state.outbox) {
      ui.messages.appendChild(el('li', { class: 'cs-message cs-from-user cs-pending', 'data-status': pending.status }, [
        el('div', { class: 'cs-bubble cs-user', dir: 'auto' }, [el('span', { class: 'cs-sr-only', text: `${t('you')}: ` }), el('p', { text: pending.text })]),
        pending.status === 'failed'
          ? el('div', { class: 'cs-error', role: 'alert' }, [
            el('span', { text: t('sendFailed') }),
            el('button', { type: 'button', class: 'cs-link-button', text: t('retry'), onclick: () => actions.send(pending.text, pending.clientMessageId) }),
          ])
          : null,
      ]));
    }

    scrollToEnd();
  }

  /** Every message drawn again (the language changed), then the outbox. */
  function renderAll() {
    ordered(view.state).forEach(renderMessage);
    renderOutbox();
  }

  /**
   * The typing dots while a reply is awaited (the bot's), or while the agent types when a person was asked for or
   * holds the conversation (view.live); the suggestions only before the first message.
   */
  function renderProgress() {
    const { ui, state, t, live } = view;
    const all = ordered(state);
    const last = all[all.length - 1];
    if (live && live.mode !== 'bot') {
      ui.typing.hidden = !live.agentTyping;
      ui.typing.lastChild.textContent = t('agentTyping', { name: live.agentName || t('agent') });
    } else {
      const waiting = awaitingReply(state) || (last && last.role === 'assistant' && !last.complete && last.status !== 'error' && last.text === '');
      ui.typing.hidden = !waiting;
      ui.typing.lastChild.textContent = t('typing');
    }

    ui.suggestions.hidden = all.length > 0 || state.outbox.length > 0;
  }

  return { clear, welcome, renderSuggestions, renderMessage, renderOutbox, renderAll, renderProgress, focusRating, scrollToEnd };
}
