import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../src/frame/i18n.js';
import { buildPanel } from '../src/frame/panel.js';
import { createLeadForm, fieldError, leadFields } from '../src/frame/lead-form.js';

function memoryStore() {
  const values = new Map();
  return { get: (key) => values.get(key), set: (key, value) => values.set(key, value) };
}

function setUp({ config, conversation = 'conv_1', submit = vi.fn(async () => {}) } = {}) {
  const ui = buildPanel(window, { toggle() {}, close() {}, reset() {}, send() {}, keydown() {} });
  const view = { win: window, ui, config, t: translator('en') };
  const store = memoryStore();
  const form = createLeadForm(view, { conversationId: () => conversation, store, submit });
  return { view, store, form, submit };
}

const enabled = { leadCapture: { enabled: true, fields: ['email', 'name', 'fax'], title: 'Stay in touch' } };
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
});

describe('lead form', () => {
  it('asks for the known fields in the config order, name and email by default', () => {
    expect(leadFields({ fields: ['email', 'name', 'fax'] })).toEqual(['email', 'name']);
    expect(leadFields({})).toEqual(['name', 'email']);
  });

  it('requires every field and a plausible email', () => {
    const t = translator('en');
    expect(fieldError('text', '', t)).toBe(t('required'));
    expect(fieldError('email', 'not-an-email', t)).toBe(t('invalidEmail'));
    expect(fieldError('email', 'a@b.example', t)).toBe('');
  });

  it('shows only when enabled and a conversation is open', () => {
    expect(setUp({ config: { leadCapture: { enabled: false } } }).view.ui.lead.hidden).toBe(true);
    const none = setUp({ config: enabled, conversation: null });
    none.form.render();
    expect(none.view.ui.lead.hidden).toBe(true);

    const { view, form } = setUp({ config: enabled });
    form.render();
    expect(view.ui.lead.hidden).toBe(false);
    expect(view.ui.lead.textContent).toContain('Stay in touch');
    expect(Array.from(view.ui.lead.querySelectorAll('input')).map((i) => [i.name, i.type])).toEqual([['email', 'email'], ['name', 'text']]);
  });

  it('marks invalid fields and sends nothing', async () => {
    const { view, form, submit } = setUp({ config: enabled });
    form.render();
    view.ui.lead.querySelector('[name=email]').value = 'nope';
    view.ui.lead.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();

    expect(submit).not.toHaveBeenCalled();
    expect(view.ui.lead.querySelector('[name=email]').getAttribute('aria-invalid')).toBe('true');
    expect(view.ui.lead.querySelector('#cs-lead-email-error').textContent).toBe(translator('en')('invalidEmail'));
    expect(view.ui.lead.querySelector('#cs-lead-name-error').textContent).toBe(translator('en')('required'));
  });

  it('sends the trimmed values once, then stays hidden for this conversation', async () => {
    const { view, form, submit, store } = setUp({ config: enabled });
    form.render();
    view.ui.lead.querySelector('[name=email]').value = ' ada@example.com ';
    view.ui.lead.querySelector('[name=name]').value = 'Ada';
    view.ui.lead.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();

    expect(submit).toHaveBeenCalledWith({ email: 'ada@example.com', name: 'Ada' });
    expect(store.get('lead.conv_1')).toBe(true);
    expect(view.ui.lead.hidden).toBe(true);
    form.render();
    expect(view.ui.lead.hidden).toBe(true);
  });

  it('a refused form stays to be sent again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { view, form, store } = setUp({ config: enabled, submit: vi.fn(async () => { throw new Error('no'); }) });
    form.render();
    view.ui.lead.querySelector('[name=email]').value = 'ada@example.com';
    view.ui.lead.querySelector('[name=name]').value = 'Ada';
    view.ui.lead.dispatchEvent(new Event('submit', { cancelable: true }));
    await flush();

    expect(store.get('lead.conv_1')).toBeUndefined();
    expect(view.ui.lead.hidden).toBe(false);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
