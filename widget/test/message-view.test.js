import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyEvent, createConversation, failOutgoing, queueOutgoing } from '../src/frame/conversation.js';
import { translator } from '../src/frame/i18n.js';
import { buildPanel } from '../src/frame/panel.js';
import { createMessageView } from '../src/frame/message-view.js';
import { createRatings } from '../src/frame/ratings.js';

function setUp() {
  const ui = buildPanel(window, { toggle() {}, close() {}, reset() {}, send() {}, keydown() {} });
  const view = { win: window, ui, t: translator('en'), state: createConversation() };
  const actions = { send: vi.fn(), rate: vi.fn() };
  const messages = createMessageView(view, actions);
  const show = (event) => messages.renderMessage(applyEvent(view.state, event));
  return { view, actions, messages, show };
}

const question = { seq: 1, type: 'message', messageId: 'm1', role: 'user', text: 'Returns?' };
const answer = {
  seq: 2,
  type: 'done',
  messageId: 'm2',
  role: 'assistant',
  text: 'Within 30 days. [1]',
  citations: [{ index: 1, sourceId: 's1', title: 'Returns', url: 'https://shop.example/returns' }, { index: 2, sourceId: 's2', title: 'Bad', url: 'javascript:alert(1)' }],
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('message view', () => {
  it('draws messages in seq order whatever order they arrive in', () => {
    const { view, show } = setUp();
    show(answer);
    show(question);
    expect(Array.from(view.ui.messages.children).map((li) => li.dataset.seq)).toEqual(['1', '2']);
    expect(view.ui.messages.children[0].className).toContain('cs-from-user');
    expect(view.ui.messages.children[1].className).toContain('cs-from-assistant');
  });

  it('a finished reply lists its sources (links only when safe) and offers rating and copy', () => {
    const { view, actions, show } = setUp();
    show(question);
    show(answer);
    const reply = view.ui.messages.children[1];
    const links = reply.querySelectorAll('.cs-sources a');
    expect(links).toHaveLength(1);
    expect(links[0].getAttribute('href')).toBe('https://shop.example/returns');
    expect(links[0].getAttribute('rel')).toContain('noopener');
    expect(reply.querySelector('.cs-sources').textContent).toContain('Bad');

    const [up, down, copy] = reply.querySelectorAll('.cs-action');
    expect(copy.getAttribute('aria-label')).toBe('Copy');
    up.click();
    down.click();
    expect(actions.rate.mock.calls.map(([msg, rating]) => [msg.id, rating])).toEqual([['m2', 'up'], ['m2', 'down']]);
  });

  it('a failed reply offers to ask the question again', () => {
    const { view, actions, show } = setUp();
    show(question);
    show({ seq: 2, type: 'error', messageId: 'm2', role: 'assistant', text: 'model down' });
    const retry = view.ui.messages.children[1].querySelector('.cs-error button');
    retry.click();
    expect(actions.send).toHaveBeenCalledWith('Returns?');
  });

  it('pending messages follow the stored ones; a failed one retries with its own id', () => {
    const { view, actions, messages, show } = setUp();
    show(question);
    queueOutgoing(view.state, 'c1', 'Sending');
    queueOutgoing(view.state, 'c2', 'Refused');
    failOutgoing(view.state, 'c2', 'no');
    messages.renderOutbox();

    const pending = view.ui.messages.querySelectorAll('.cs-pending');
    expect(Array.from(pending).map((li) => li.dataset.status)).toEqual(['sending', 'failed']);
    expect(view.ui.messages.lastElementChild).toBe(pending[1]);
    pending[1].querySelector('button').click();
    expect(actions.send).toHaveBeenCalledWith('Refused', 'c2');

    messages.renderOutbox();
    expect(view.ui.messages.querySelectorAll('.cs-pending')).toHaveLength(2);
  });

  it('typing shows while a reply is awaited; suggestions only before the first message', () => {
    const { view, actions, messages, show } = setUp();
    messages.renderSuggestions(['Opening hours?']);
    messages.renderProgress();
    expect(view.ui.typing.hidden).toBe(true);
    expect(view.ui.suggestions.hidden).toBe(false);
    view.ui.suggestions.querySelector('button').click();
    expect(actions.send).toHaveBeenCalledWith('Opening hours?');

    show(question);
    messages.renderProgress();
    expect(view.ui.typing.hidden).toBe(false);
    expect(view.ui.suggestions.hidden).toBe(true);
    show(answer);
    messages.renderProgress();
    expect(view.ui.typing.hidden).toBe(true);
  });

  it('clear forgets the drawn messages', () => {
    const { view, messages, show } = setUp();
    show(question);
    messages.clear();
    expect(view.ui.messages.children).toHaveLength(0);
    messages.renderMessage(view.state.messages.get(1));
    expect(view.ui.messages.children).toHaveLength(1);
  });
});

describe('ratings', () => {
  it('rates a reply, takes the same rating back, and keeps focus on the button', async () => {
    const { view, messages, show } = setUp();
    show(question);
    show(answer);
    const client = { feedback: vi.fn(async () => {}), ratings: vi.fn(async () => ({})), conversationId: 'c' };
    const ratings = createRatings(view, messages, () => client);
    const reply = view.state.messages.get(2);

    await ratings.rate(reply, 'up');
    expect(client.feedback).toHaveBeenLastCalledWith('m2', 'up');
    expect(view.ui.messages.children[1].querySelector('.cs-action').getAttribute('aria-pressed')).toBe('true');
    expect(document.activeElement).toBe(view.ui.messages.children[1].querySelector('.cs-action'));

    await ratings.rate(reply, 'up');
    expect(client.feedback).toHaveBeenLastCalledWith('m2', 'none');
    expect(reply.feedback).toBeNull();
  });

  it('ratings given earlier show pressed, unless another conversation opened meanwhile', async () => {
    const { view, messages, show } = setUp();
    show(question);
    show(answer);
    const client = { ratings: vi.fn(async () => ({ m2: 'down' })), conversationId: 'c1' };
    const ratings = createRatings(view, messages, () => client);

    await ratings.load('c0');
    expect(view.state.messages.get(2).feedback).toBeFalsy();
    await ratings.load('c1');
    expect(view.state.messages.get(2).feedback).toBe('down');
    expect(view.ui.messages.children[1].querySelectorAll('.cs-action')[1].getAttribute('aria-pressed')).toBe('true');

    const later = { id: 'm2', complete: true, feedback: null };
    ratings.applyTo(later);
    expect(later.feedback).toBe('down');
  });
});
