import { describe, expect, it, vi } from 'vitest';
import { Msg, PROTOCOL, message } from '../src/shared/protocol.js';
import { createHostChannel } from '../src/frame/host-channel.js';

// A frame window inside an iframe: its parent is another window; messages are delivered to the listeners by hand.
function framedWindow() {
  const parent = { postMessage: vi.fn() };
  const listeners = [];
  const win = { parent, addEventListener: (type, fn) => type === 'message' && listeners.push(fn) };
  const deliver = (event) => listeners.forEach((fn) => fn(event));
  return { win, parent, deliver };
}

function handlers() {
  return { onInit: vi.fn(), onCommand: vi.fn(), onSaved: vi.fn(), onViewport: vi.fn() };
}

const HOST = 'https://shop.example';

describe('host channel', () => {
  it('posts nothing until the first init names the host page, then posts to that exact origin', () => {
    const { win, parent, deliver } = framedWindow();
    const on = handlers();
    const channel = createHostChannel(win, 'https://chat.example', on);

    channel.post(Msg.Ready, {});
    expect(parent.postMessage).not.toHaveBeenCalled();
    expect(channel.hostOrigin).toBeNull();

    deliver({ source: parent, origin: HOST, data: message(Msg.Init, { settings: { open: true }, page: `${HOST}/p` }) });
    expect(on.onInit).toHaveBeenCalledTimes(1);
    expect(on.onInit.mock.calls[0][0].settings).toEqual({ open: true });
    expect(channel.hostOrigin).toBe(HOST);

    channel.emit('open');
    expect(parent.postMessage).toHaveBeenCalledWith({ cs: PROTOCOL, type: Msg.Event, name: 'open', detail: {} }, HOST);
  });

  it('starts once: a second init is ignored', () => {
    const { win, parent, deliver } = framedWindow();
    const on = handlers();
    createHostChannel(win, 'https://chat.example', on);
    deliver({ source: parent, origin: HOST, data: message(Msg.Init, {}) });
    deliver({ source: parent, origin: HOST, data: message(Msg.Init, {}) });
    expect(on.onInit).toHaveBeenCalledTimes(1);
  });

  it('hands commands, saved state and the viewport to their handlers', () => {
    const { win, parent, deliver } = framedWindow();
    const on = handlers();
    createHostChannel(win, 'https://chat.example', on);
    deliver({ source: parent, origin: HOST, data: message(Msg.Init, {}) });

    deliver({ source: parent, origin: HOST, data: message(Msg.Command, { name: 'setLocale', args: ['de'] }) });
    deliver({ source: parent, origin: HOST, data: message(Msg.Command, { name: 'open' }) });
    deliver({ source: parent, origin: HOST, data: message(Msg.Saved, { saved: { visitorToken: 'v2' } }) });
    deliver({ source: parent, origin: HOST, data: message(Msg.Viewport, { mobile: 1 }) });

    expect(on.onCommand.mock.calls).toEqual([['setLocale', ['de']], ['open', []]]);
    expect(on.onSaved).toHaveBeenCalledWith({ visitorToken: 'v2' });
    expect(on.onViewport).toHaveBeenCalledWith(true);
  });

  it('after the init, hears neither another origin nor another window', () => {
    const { win, parent, deliver } = framedWindow();
    const on = handlers();
    createHostChannel(win, 'https://chat.example', on);
    deliver({ source: parent, origin: HOST, data: message(Msg.Init, {}) });

    deliver({ source: parent, origin: 'https://evil.example', data: message(Msg.Command, { name: 'open' }) });
    deliver({ source: {}, origin: HOST, data: message(Msg.Command, { name: 'open' }) });
    deliver({ source: parent, origin: HOST, data: { type: Msg.Command, name: 'open' } });
    expect(on.onCommand).not.toHaveBeenCalled();
  });

  it('opened on its own, the frame is its own host and an init cannot start it again', () => {
    const listeners = [];
    const win = { addEventListener: (type, fn) => listeners.push(fn), postMessage: vi.fn() };
    win.parent = win;
    const on = handlers();
    const channel = createHostChannel(win, 'https://chat.example', on);

    expect(channel.embedded).toBe(false);
    expect(channel.hostOrigin).toBe('https://chat.example');
    listeners.forEach((fn) => fn({ source: win, origin: 'https://chat.example', data: message(Msg.Init, {}) }));
    expect(on.onInit).not.toHaveBeenCalled();
    channel.post(Msg.Ready, {});
    expect(win.postMessage).not.toHaveBeenCalled();
  });
});
