import { describe, expect, it } from 'vitest';
import { Msg, PROTOCOL, accept, message, originOf } from '../src/shared/protocol.js';

const parent = {};
const stranger = {};

describe('protocol', () => {
  it('accepts a prefixed message from the expected window and origin', () => {
    const data = message(Msg.Command, { name: 'open', args: [] });
    expect(data.cs).toBe(PROTOCOL);
    expect(accept({ source: parent, origin: 'https://shop.example', data }, parent, 'https://shop.example')).toEqual(data);
  });

  it('ignores another origin, another window, foreign and unknown messages', () => {
    const data = message(Msg.Command, { name: 'open' });
    expect(accept({ source: parent, origin: 'https://evil.example', data }, parent, 'https://shop.example')).toBeNull();
    expect(accept({ source: stranger, origin: 'https://shop.example', data }, parent, 'https://shop.example')).toBeNull();
    expect(accept({ source: parent, origin: 'https://shop.example', data: { type: 'command' } }, parent, 'https://shop.example')).toBeNull();
    expect(accept({ source: parent, origin: 'https://shop.example', data: 'chatsphere' }, parent, 'https://shop.example')).toBeNull();
    expect(accept({ source: parent, origin: 'https://shop.example', data: { cs: PROTOCOL, type: 'eval' } }, parent, 'https://shop.example')).toBeNull();
  });

  it('a message cannot override its own prefix or type through the payload', () => {
    const data = message(Msg.Layout, { cs: 'other', type: 'other', layout: { open: true } });
    expect(data.cs).toBe(PROTOCOL);
    expect(data.type).toBe(Msg.Layout);
  });

  it('takes the origin of http(s) URLs only', () => {
    expect(originOf('https://chat.example.com:8443/widget.js?x=1')).toBe('https://chat.example.com:8443');
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
