import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyStreamEvent } from './liveTranscript';
import { fillVariables, matchCanned } from './cannedResponses';
import { SHORTCUTS, shortcutAction } from './inboxShortcuts';
import { ALERTS_KEY, useHandoffAlerts, type AlertPlatform } from './useHandoffAlerts';
import type { LiveMessage } from '@/api/inbox';

describe('live transcript', () => {
  it('streams a reply token by token by offset, ignores repeats and gaps, then takes the whole message', () => {
    let list: LiveMessage[] = [{ id: 'm1', seq: 1, role: 'user', text: 'Hi', citations: [], status: 'complete', createdAt: '' } as LiveMessage];
    list = applyStreamEvent(list, { type: 'token', seq: 2, messageId: 'm2', role: 'assistant', text: 'Hel', offset: 0 })!;
    expect(applyStreamEvent(list, { type: 'token', seq: 2, text: 'Hel', offset: 0 })).toBeNull();
    expect(applyStreamEvent(list, { type: 'token', seq: 2, text: 'zzz', offset: 9 })).toBeNull();
    list = applyStreamEvent(list, { type: 'token', seq: 2, text: 'lo', offset: 3 })!;
    expect(list[1]).toMatchObject({ seq: 2, text: 'Hello', status: 'streaming', role: 'assistant' });
    list = applyStreamEvent(list, { type: 'done', seq: 2, messageId: 'm2', role: 'assistant', text: 'Hello there', status: 'complete' })!;
    expect(list[1]).toMatchObject({ text: 'Hello there', status: 'complete' });
    expect(applyStreamEvent(list, { type: 'token', seq: 2, text: 'late', offset: 11 })).toBeNull();
    expect(applyStreamEvent(list, { type: 'done', seq: 2, messageId: 'm2', role: 'assistant', text: 'Hello there', status: 'complete' })).toBeNull();
  });

  it('keeps seq order and an agent\'s author and privacy; mode and typing events are not messages', () => {
    let list: LiveMessage[] = [];
    list = applyStreamEvent(list, { type: 'message', seq: 4, messageId: 'm4', role: 'agent', text: 'Note', author: { id: 'u1', name: 'Ada' }, private: true })!;
    list = applyStreamEvent(list, { type: 'message', seq: 3, messageId: 'm3', role: 'user', text: 'Hi' })!;
    expect(list.map((m) => m.seq)).toEqual([3, 4]);
    expect(list[1]).toMatchObject({ author: { name: 'Ada' }, private: true });
    expect(applyStreamEvent(list, { type: 'mode', mode: 'human' })).toBeNull();
    expect(applyStreamEvent(list, { type: 'typing', role: 'user' })).toBeNull();
    list = applyStreamEvent(list, { type: 'token', seq: 5, text: 'x', offset: 0 })!;
    list = applyStreamEvent(list, { type: 'error', seq: 5 })!;
    expect(list[2]?.status).toBe('failed');
  });
});

describe('canned responses', () => {
  it('fills the known variables, drops empty ones with their space, leaves unknown ones as written', () => {
    const ctx = { visitor: { name: 'Grace', email: null }, agent: { name: 'Ada' }, bot: { name: 'Helper' } };
    expect(fillVariables('Hi {{visitor.name}}, I am {{ agent.name }} from {{bot.name}}.', ctx)).toBe('Hi Grace, I am Ada from Helper.');
    expect(fillVariables('Hi {{visitor.name}}, mail {{visitor.email}}', { visitor: {} })).toBe('Hi, mail');
    expect(fillVariables('Order {{order.id}} and {{visitor.phone}}', ctx)).toBe('Order {{order.id}} and {{visitor.phone}}');
  });

  it('picks by shortcut first, then by text', () => {
    const list = [{ id: '1', shortcut: 'refund', title: 'Refund', text: 'Our policy' }, { id: '2', shortcut: 'hi', title: 'Hello', text: 'About a refund' }, { id: '3', shortcut: 'bye', title: 'Goodbye', text: 'Bye' }];
    expect(matchCanned(list, '/ref').map((c) => c.id)).toEqual(['1', '2']);
    expect(matchCanned(list, '').map((c) => c.id)).toEqual(['1', '2', '3']);
    expect(matchCanned(list, 'good').map((c) => c.id)).toEqual(['3']);
  });
});

describe('inbox shortcuts', () => {
  const key = (k: string, target: Partial<HTMLElement> = { tagName: 'BODY' }, mods = {}) =>
    ({ key: k, ctrlKey: false, altKey: false, metaKey: false, target: target as EventTarget, ...mods });

  it('maps single keys outside text fields, never with modifiers', () => {
    expect(shortcutAction(key('j'))).toBe('next');
    expect(shortcutAction(key('t'))).toBe('takeover');
    expect(shortcutAction(key('?'))).toBe('help');
    expect(shortcutAction(key('j', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutAction(key('j', { tagName: 'DIV', isContentEditable: true }))).toBeNull();
    expect(shortcutAction(key('Escape', { tagName: 'INPUT' }))).toBe('back');
    expect(shortcutAction(key('t', undefined, { ctrlKey: true }))).toBeNull();
    expect(shortcutAction(key('x'))).toBeNull();
  });

  it('lists every action once for the help dialog', () => {
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });
});

describe('handoff alerts', () => {
  function platform(permission: NotificationPermission | 'unsupported', answer: NotificationPermission = 'granted') {
    let current = permission;
    const p = {
      notificationPermission: () => current,
      requestPermission: vi.fn(async () => {
        current = answer;
        return answer;
      }),
      notify: vi.fn((_title: string, _body: string, _tag: string, _onClick: () => void) => undefined),
      beep: vi.fn(() => undefined),
    };
    return p satisfies AlertPlatform;
  }

  beforeEach(() => localStorage.clear());

  it('stays quiet until the agent allows it', () => {
    const p = platform('default');
    useHandoffAlerts(p).handoff('Visitor asks for a person', 'Refund?', 'c1', () => undefined);
    expect(p.notify).not.toHaveBeenCalled();
    expect(p.beep).not.toHaveBeenCalled();
  });

  it('asks the browser once, then notifies and plays the sound; the choice is remembered', async () => {
    const p = platform('default');
    const alerts = useHandoffAlerts(p);
    await alerts.setNotify(true);
    alerts.setSound(true);
    expect(p.requestPermission).toHaveBeenCalledTimes(1);
    const open = vi.fn();
    alerts.handoff('Visitor asks for a person', 'Refund?', 'c1', open);
    expect(p.notify).toHaveBeenCalledWith('Visitor asks for a person', 'Refund?', 'handoff-c1', open);
    expect(p.beep).toHaveBeenCalledTimes(1);
    expect(JSON.parse(localStorage.getItem(ALERTS_KEY)!)).toEqual({ notify: true, sound: true });
    expect(useHandoffAlerts(platform('granted')).notify.value).toBe(true);
  });

  it('a refused permission leaves notifications off and says the browser blocks them', async () => {
    const alerts = useHandoffAlerts(platform('default', 'denied'));
    await alerts.setNotify(true);
    expect(alerts.notify.value).toBe(false);
    expect(alerts.blocked.value).toBe(true);
    expect(useHandoffAlerts(platform('unsupported')).supported).toBe(false);
  });
});
