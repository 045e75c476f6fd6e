// The live view: what the visitor sees of live operations. A strip above the messages offers "talk to a person"
// (when the bot allows it), says that a person was asked for, that an agent joined (name and avatar) or that the
// assistant is back; when nobody can answer (outside business hours, nobody online) a box in the conversation shows
// the bot's offline message and asks for an email address instead of leaving the visitor waiting in silence.
// Reads the shared view ({ win, ui, config, t, live }); remembers a left email in the store (`offline.<conversationId>`).
import { el } from './dom.js';
import { liveSettingsOf } from './live.js';
import { fieldError } from './lead-form.js';
import { safeUrl } from './markdown.js';

/**
 * Builds the strip (before the scroller) and the offline box (in the scroller) and returns { render }.
 * `conversationId()` names the open conversation; `requestHuman()` and `leaveEmail(email)` reach the server (promises).
 */
export function createLiveView(view, { conversationId, store, requestHuman, leaveEmail }) {
  const { ui } = view;
  const strip = el('div', { class: 'cs-live', hidden: true });
  const offline = el('form', { class: 'cs-offline', hidden: true, novalidate: true });
  ui.panel.insertBefore(strip, ui.scroller);
  ui.scroller.insertBefore(offline, ui.suggestions);
  ui.liveStrip = strip;
  ui.offline = offline;
  let asking = false;
  let failed = false;
  let announced = '';

  async function ask() {
    if (asking) {
      return;
    }

    asking = true;
    failed = false;
    render();
    try {
      await requestHuman();
    } catch {
      failed = true;
    }

    asking = false;
    render();
  }

  /** One sentence for the mode, said once through the live region when it changes. */
  function announce(text) {
    if (text && text !== announced) {
      ui.live.textContent = text;
    }

    announced = text;
  }

  function renderStrip() {
    const { t, live } = view;
    const settings = liveSettingsOf(view.config);
    const conversation = conversationId();
    const parts = [];
    let sentence = '';
    if (live.mode === 'human') {
      const name = live.agentName || t('agent');
      const avatar = safeUrl(live.avatar);
      if (avatar) {
        parts.push(el('img', { class: 'cs-agent-avatar', src: avatar, alt: '' }));
      }

      sentence = t('agentJoined', { name });
      parts.push(el('span', { class: 'cs-live-text', 'data-mode': 'human', text: sentence }));
    } else if (live.mode === 'waiting' && live.available) {
      sentence = t('waitingForAgent');
      parts.push(el('span', { class: 'cs-live-text', 'data-mode': 'waiting', text: sentence }));
    } else if (live.mode === 'bot') {
      if (live.wasHuman) {
        sentence = t('botBack');
        parts.push(el('span', { class: 'cs-live-text', 'data-mode': 'bot', text: sentence }));
      }

      if (settings.talkToHuman && conversation) {
        parts.push(el('button', { type: 'button', class: 'cs-handoff', disabled: asking, onclick: ask, text: t('talkToHuman') }));
      }
    }

    if (failed) {
      parts.push(el('span', { class: 'cs-error', role: 'alert', text: t('requestFailed') }));
    }

    strip.replaceChildren(...parts);
    strip.hidden = parts.length === 0;
    announce(sentence);
  }

  function renderOffline() {
    const { t, live } = view;
    const conversation = conversationId();
    // Nobody could take the request (the mode stays bot, or a rule made it wait): say so and ask for an email.
    const show = !!conversation && !live.available && live.mode !== 'human';
    offline.hidden = !show;
    if (!show) {
      return;
    }

    const message = live.offlineMessage || liveSettingsOf(view.config).offlineMessage || t('offlineMessage');
    const left = store.get(`offline.${conversation}`);
    if (left) {
      offline.replaceChildren(el('p', { class: 'cs-offline-text', dir: 'auto', text: message }), el('p', { class: 'cs-offline-thanks', role: 'status', text: t('offlineThanks', { email: left }) }));
      announce(t('offlineThanks', { email: left }));
      return;
    }

    offline.replaceChildren(
      el('p', { class: 'cs-offline-text', id: 'cs-offline-text', dir: 'auto', text: message }),
      el('div', { class: 'cs-field' }, [
        el('label', { for: 'cs-offline-email', text: t('offlineEmail') }),
        el('input', { id: 'cs-offline-email', name: 'email', type: 'email', autocomplete: 'email', required: true, 'aria-describedby': 'cs-offline-email-error' }),
        el('span', { id: 'cs-offline-email-error', class: 'cs-field-error' }),
      ]),
      el('button', { type: 'submit', class: 'cs-primary-button', text: t('offlineSubmit') }),
    );
    offline.setAttribute('aria-labelledby', 'cs-offline-text');
    announce(message);
  }

  async function onSubmit(event) {
    event.preventDefault();
    const { t } = view;
    const input = offline.querySelector('input');
    const value = input.value.trim();
    const error = fieldError('email', value, t);
    input.setAttribute('aria-invalid', String(!!error));
    offline.querySelector('#cs-offline-email-error').textContent = error;
    if (error) {
      input.focus();
      return;
    }

    try {
      await leaveEmail(value);
      store.set(`offline.${conversationId()}`, value);
      render();
    } catch (failure) {
      offline.querySelector('#cs-offline-email-error').textContent = t('sendFailed');
      console.error(`ChatSphere: the email was refused: ${failure && failure.message}`);
    }
  }

  offline.addEventListener('submit', onSubmit);

  function render() {
    renderStrip();
    renderOffline();
  }

  return { render };
}
