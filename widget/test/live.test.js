import { describe, expect, it, vi } from 'vitest';
import { applyLiveEvent, createLive, liveSettingsOf, sendsTyping, stopAgentTyping, throttle } from '../src/frame/live.js';

describe('live state', () => {
  it('follows the modes: asked for a person, an agent joined with name and avatar, back to the bot', () => {
    const live = createLive();
    expect(live.mode).toBe('bot');
    expect(applyLiveEvent(live, { type: 'mode', mode: 'waiting' })).toBe(true);
    expect(live).toMatchObject({ mode: 'waiting', available: true, agentName: '' });

    expect(applyLiveEvent(live, { type: 'mode', mode: 'human', agentName: 'Ada', agentAvatarUrl: 'https://cdn.example/ada.png' })).toBe(true);
    expect(live).toMatchObject({ mode: 'human', agentName: 'Ada', avatar: 'https://cdn.example/ada.png', wasHuman: false });

    expect(applyLiveEvent(live, { type: 'mode', mode: 'bot' })).toBe(true);
    expect(live).toMatchObject({ mode: 'bot', agentName: '', avatar: '', wasHuman: true });
  });

  it('a repeated mode changes nothing; unknown modes and other events are ignored', () => {
    const live = createLive();
    applyLiveEvent(live, { type: 'mode', mode: 'human', agentName: 'Ada' });
    expect(applyLiveEvent(live, { type: 'mode', mode: 'human', agentName: 'Ada' })).toBe(false);
    expect(applyLiveEvent(live, { type: 'mode', mode: 'party' })).toBe(false);
    expect(applyLiveEvent(live, { type: 'token', seq: 3, text: 'x' })).toBe(false);
    expect(applyLiveEvent(live, null)).toBe(false);
    expect(live.mode).toBe('human');
  });

  it('knows when nobody can answer', () => {
    const live = createLive();
    applyLiveEvent(live, { type: 'mode', mode: 'waiting', available: false, text: 'Back at 9.' });
    expect(live).toMatchObject({ available: false, offlineMessage: 'Back at 9.' });
    applyLiveEvent(live, { type: 'mode', mode: 'waiting' });
    expect(live.available).toBe(true);
  });

  it('shows the agent typing until their message (or a mode change); the visitor’s own typing is not shown', () => {
    const live = createLive();
    applyLiveEvent(live, { type: 'mode', mode: 'human', agentName: 'Ada' });
    expect(applyLiveEvent(live, { type: 'typing', role: 'user' })).toBe(false);
    expect(applyLiveEvent(live, { type: 'typing', role: 'agent' })).toBe(true);
    expect(applyLiveEvent(live, { type: 'typing', role: 'agent' })).toBe(false);
    expect(live.agentTyping).toBe(true);
    expect(stopAgentTyping(live)).toBe(true);
    expect(stopAgentTyping(live)).toBe(false);
    applyLiveEvent(live, { type: 'typing', role: 'agent' });
    applyLiveEvent(live, { type: 'mode', mode: 'bot' });
    expect(live.agentTyping).toBe(false);
  });

  it('sends the visitor’s typing only while a person is asked for or holds the conversation', () => {
    const live = createLive();
    expect(sendsTyping(live)).toBe(false);
    applyLiveEvent(live, { type: 'mode', mode: 'waiting' });
    expect(sendsTyping(live)).toBe(true);
    applyLiveEvent(live, { type: 'mode', mode: 'human' });
    expect(sendsTyping(live)).toBe(true);
  });

  it('reads the bot’s live settings from the public config, off when absent', () => {
    expect(liveSettingsOf(null)).toEqual({ talkToHuman: false, offlineMessage: '' });
    expect(liveSettingsOf({ liveChat: { talkToHumanEnabled: true, offlineMessage: 'Back at 9.' } })).toEqual({ talkToHuman: true, offlineMessage: 'Back at 9.' });
    expect(liveSettingsOf({ liveChat: { talkToHumanEnabled: 'yes' } }).talkToHuman).toBe(false);
  });

  it('throttles: the first call goes at once, the ones inside the interval are dropped', () => {
    let now = 1000;
    const fn = vi.fn();
    const call = throttle(fn, 3000, () => now);
    expect(call('a')).toBe(true);
    now += 1000;
    expect(call('b')).toBe(false);
    now += 1999;
    expect(call('c')).toBe(false);
    now += 1;
    expect(call('d')).toBe(true);
    expect(fn.mock.calls).toEqual([['a'], ['d']]);
  });
});
