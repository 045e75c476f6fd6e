import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEvent, createConversation } from '../src/frame/conversation.js';
import { translator } from '../src/frame/i18n.js';
import { buildPanel } from '../src/frame/panel.js';
import { applyLiveEvent, createLive } from '../src/frame/live.js';
import { createLiveView } from '../src/frame/live-view.js';
import { createMessageView } from '../src/frame/message-view.js';

const t = translator('en');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function memoryStore() {
  const values = new Map();
  return { get: (key) => values.get(key), set: (key, value) => values.set(key, value) };
}

function setUp({ config = { liveChat: { talkToHumanEnabled: true } }, conversation = 'conv_1', requestHuman = vi.fn(async () => {}), leaveEmail = vi.fn(async () => {}) } = {}) {
  const ui = buildPanel(window, { toggle() {}, close() {}, reset() {}, send() {}, keydown() {} });
  const view = { win: window, ui, config, t, state: createConversation(), live: createLive() };
  const store = memoryStore();
  const liveView = createLiveView(view, { conversationId: () => conversation, store, requestHuman, leaveEmail });
  const messages = createMessageView(view, { send: vi.fn(), rate: vi.fn() });
  const mode = (event) => {
    applyLiveEvent(view.live, Object.assign({ type: 'mode' }, event));
    liveView.render();
    messages.renderProgress();
  };
  return { view, store, liveView, messages, mode, requestHuman, leaveEmail };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('live view', () => {
  it('offers "talk to a person" only when the bot allows it and a conversation is open', () => {
    const allowed = setUp();
    allowed.liveView.render();
    expect(allowed.view.ui.liveStrip.hidden).toBe(false);
    expect(allowed.view.ui.liveStrip.querySelector('.cs-handoff').textContent).toBe(t('talkToHuman'));

    for (const off of [setUp({ config: { liveChat: { talkToHumanEnabled: false } } }), setUp({ config: {} }), setUp({ conversation: null })]) {
      off.liveView.render();
      expect(off.view.ui.liveStrip.hidden).toBe(true);
      expect(off.view.ui.liveStrip.querySelector('.cs-handoff')).toBeNull();
    }
  });

  it('asks for a person once per click and says when that failed', async () => {
    let fail = true;
    const requestHuman = vi.fn(async () => {
      if (fail) {
        throw new Error('down');
      }
    });
    const { view, liveView } = setUp({ requestHuman });
    liveView.render();
    view.ui.liveStrip.querySelector('.cs-handoff').click();
    expect(view.ui.liveStrip.querySelector('.cs-handoff').disabled).toBe(true);
    await flush();
    expect(requestHuman).toHaveBeenCalledTimes(1);
    expect(view.ui.liveStrip.querySelector('[role=alert]').textContent).toBe(t('requestFailed'));

    fail = false;
    view.ui.liveStrip.querySelector('.cs-handoff').click();
    await flush();
    expect(requestHuman).toHaveBeenCalledTimes(2);
    expect(view.ui.liveStrip.querySelector('[role=alert]')).toBeNull();
  });

  it('shows the wait, the agent who joined (name and a safe avatar), then the assistant back, and announces each', () => {
    const { view, mode } = setUp();
    mode({ mode: 'waiting' });
    expect(view.ui.liveStrip.textContent).toBe(t('waitingForAgent'));
    expect(view.ui.liveStrip.querySelector('.cs-handoff')).toBeNull();
    expect(view.ui.live.textContent).toBe(t('waitingForAgent'));

    mode({ mode: 'human', agentName: 'Ada Lovelace', agentAvatarUrl: 'https://cdn.example/ada.png' });
    expect(view.ui.liveStrip.textContent).toBe('Ada Lovelace joined the conversation');
    expect(view.ui.liveStrip.querySelector('img').getAttribute('src')).toBe('https://cdn.example/ada.png');
    expect(view.ui.live.textContent).toBe('Ada Lovelace joined the conversation');

    mode({ mode: 'human', agentName: 'Eve', agentAvatarUrl: 'javascript:alert(1)' });
    expect(view.ui.liveStrip.querySelector('img')).toBeNull();

    mode({ mode: 'bot' });
    expect(view.ui.liveStrip.querySelector('.cs-live-text').textContent).toBe(t('botBack'));
    expect(view.ui.liveStrip.querySelector('.cs-handoff')).not.toBeNull();
  });

  it('shows the agent typing instead of the bot’s dots while a person holds the conversation', () => {
    const { view, mode, messages } = setUp();
    applyEvent(view.state, { seq: 1, type: 'message', messageId: 'm1', role: 'user', text: 'Hello?' });
    messages.renderProgress();
    expect(view.ui.typing.hidden).toBe(false);
    expect(view.ui.typing.textContent).toBe(t('typing'));

    mode({ mode: 'human', agentName: 'Ada' });
    expect(view.ui.typing.hidden).toBe(true);
    applyLiveEvent(view.live, { type: 'typing', role: 'agent' });
    messages.renderProgress();
    expect(view.ui.typing.hidden).toBe(false);
    expect(view.ui.typing.textContent).toBe('Ada is typing…');
  });

  it('draws an agent’s message with its author, without the bot’s rating buttons', () => {
    const { view, messages } = setUp();
    const msg = applyEvent(view.state, { seq: 2, type: 'message', messageId: 'm2', role: 'agent', text: 'Hi, I am **Ada**.', author: { id: 'usr_1', name: 'Ada' } });
    messages.renderMessage(msg);
    const item = view.ui.messages.querySelector('[data-seq="2"]');
    expect(item.className).toContain('cs-from-agent');
    expect(item.querySelector('.cs-author').textContent).toBe('Ada');
    expect(item.querySelector('.cs-bubble').textContent).toBe('Ada: Hi, I am Ada.');
    expect(item.querySelector('.cs-action')).toBeNull();

    const anonymous = applyEvent(view.state, { seq: 3, type: 'message', messageId: 'm3', role: 'agent', text: 'Still here.' });
    messages.renderMessage(anonymous);
    expect(view.ui.messages.querySelector('[data-seq="3"] .cs-author').textContent).toBe(t('agent'));
  });

  it('a reply cut short by a takeover offers no retry while the person holds the conversation', () => {
    const { view, messages, mode } = setUp();
    mode({ mode: 'human', agentName: 'Ada' });
    messages.renderMessage(applyEvent(view.state, { seq: 2, type: 'done', messageId: 'm2', role: 'assistant', text: 'Our returns', status: 'interrupted' }));
    expect(view.ui.messages.querySelector('[data-seq="2"] .cs-error')).toBeNull();
  });

  it('when nobody can answer: the offline message and an email field instead of a silent wait', async () => {
    const { view, mode, leaveEmail, store } = setUp({ config: { liveChat: { talkToHumanEnabled: true, offlineMessage: 'We are back at 9:00.' } } });
    mode({ mode: 'bot', available: false });
    expect(view.ui.offline.hidden).toBe(false);
    expect(view.ui.offline.querySelector('.cs-offline-text').textContent).toBe('We are back at 9:00.');
    expect(view.ui.live.textContent).toBe('We are back at 9:00.');

    const input = view.ui.offline.querySelector('input[type=email]');
    input.value = 'nope';
    view.ui.offline.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(leaveEmail).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(view.ui.offline.querySelector('#cs-offline-email-error').textContent).toBe(t('invalidEmail'));

    view.ui.offline.querySelector('input').value = ' ada@example.com ';
    view.ui.offline.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(leaveEmail).toHaveBeenCalledWith('ada@example.com');
    expect(store.get('offline.conv_1')).toBe('ada@example.com');
    expect(view.ui.offline.querySelector('input')).toBeNull();
    expect(view.ui.offline.textContent).toContain('Thank you! We will reply to ada@example.com.');
  });

  it('the offline message the server sent with the mode wins over the config\'s; an agent taking over hides the box', () => {
    const { view, mode } = setUp({ config: { liveChat: { talkToHumanEnabled: true, offlineMessage: 'Old text' } } });
    mode({ mode: 'waiting', available: false, text: 'Closed on Sundays.' });
    expect(view.ui.liveStrip.hidden).toBe(true);
    expect(view.ui.offline.querySelector('.cs-offline-text').textContent).toBe('Closed on Sundays.');
    mode({ mode: 'human', agentName: 'Ada' });
    expect(view.ui.offline.hidden).toBe(true);
  });

  it('the default offline message when the bot has none; a refused email stays to be sent again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { view, mode, store } = setUp({ leaveEmail: vi.fn(async () => { throw new Error('no'); }) });
    mode({ mode: 'waiting', available: false });
    expect(view.ui.offline.querySelector('.cs-offline-text').textContent).toBe(t('offlineMessage'));
    view.ui.offline.querySelector('input').value = 'ada@example.com';
    view.ui.offline.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();
    expect(store.get('offline.conv_1')).toBeUndefined();
    expect(view.ui.offline.querySelector('input')).not.toBeNull();
    expect(view.ui.offline.querySelector('#cs-offline-email-error').textContent).toBe(t('sendFailed'));
    error.mockRestore();
  });
});
