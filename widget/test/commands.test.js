import { describe, expect, it, vi } from 'vitest';
import { createEmitter, parseCommand } from '../src/shared/commands.js';

describe('commands', () => {
  it('parses commands with and without a bot id', () => {
    expect(parseCommand(['open'])).toEqual({ name: 'open', args: [], botId: null });
    expect(parseCommand(['open', 'bot-b'])).toEqual({ name: 'open', args: [], botId: 'bot-b' });
    expect(parseCommand(['setLocale', 'de', 'bot-a'])).toEqual({ name: 'setLocale', args: ['de'], botId: 'bot-a' });
    const user = { id: 'u1', hash: 'abc' };
    expect(parseCommand(['setUser', user])).toEqual({ name: 'setUser', args: [user], botId: null });
    const look = { primaryColor: '#0f766e' };
    expect(parseCommand(['preview', look, 'bot-a'])).toEqual({ name: 'preview', args: [look], botId: 'bot-a' });
  });

  it('refuses unknown commands and wrong arguments with a message', () => {
    expect(() => parseCommand(['explode'])).toThrow(/unknown command 'explode'/);
    expect(() => parseCommand(['on', 'nothing', () => {}])).toThrow(/takes an event/);
    expect(() => parseCommand(['on', 'open', 'not a function'])).toThrow(/takes an event/);
    expect(() => parseCommand(['setLocale', 42])).toThrow(/language tag/);
    expect(() => parseCommand(['setUser', { name: 'no id' }])).toThrow(/setUser/);
    expect(() => parseCommand(['preview', 'red'])).toThrow(/appearance settings/);
  });

  it('emits to every listener, survives a failing one, and removes listeners', () => {
    const emitter = createEmitter();
    const seen = [];
    const failing = () => {
      throw new Error('listener bug');
    };
    const listener = (detail) => seen.push(detail);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    emitter.on('message', failing);
    emitter.on('message', listener);
    emitter.emit('message', { text: 'hi' });
    emitter.off('message', listener);
    emitter.emit('message', { text: 'again' });
    expect(seen).toEqual([{ text: 'hi' }]);
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
