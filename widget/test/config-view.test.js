import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../src/frame/i18n.js';
import { buildPanel } from '../src/frame/panel.js';
import { applyAppearance, loadConfig, primaryColor } from '../src/frame/config-view.js';

function makeView(config) {
  const ui = buildPanel(window, { toggle() {}, close() {}, reset() {}, send() {}, keydown() {} });
  return { win: window, ui, config, t: translator('en') };
}

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('config view', () => {
  it('takes a #rgb or #rrggbb colour only', () => {
    expect(primaryColor('#0f0')).toBe('#0f0');
    expect(primaryColor('#112233')).toBe('#112233');
    expect(primaryColor('red; background: url(x)')).toBe('#1d4ed8');
    expect(primaryColor(undefined)).toBe('#1d4ed8');
  });

  it('applies the language, direction, colours, corner, title and labels of the config', () => {
    const view = makeView({ name: 'Shop bot', appearance: { locale: 'ar', primaryColor: '#facc15', position: 'left', subtitle: 'Ask us', placeholder: 'Type here' } });
    applyAppearance(view, null);

    const root = document.documentElement;
    expect(root.lang).toBe('ar');
    expect(root.dir).toBe('rtl');
    expect(root.style.getPropertyValue('--cs-primary')).toBe('#facc15');
    expect(root.style.getPropertyValue('--cs-on-primary')).toBe('#000000');
    expect(view.ui.root.classList.contains('cs-left')).toBe(true);
    expect(view.ui.title.textContent).toBe('Shop bot');
    expect(document.title).toBe('Shop bot');
    expect(view.ui.subtitle.hidden).toBe(false);
    expect(view.ui.input.placeholder).toBe('Type here');
    expect(view.t('dir')).toBe('rtl');
  });

  it('the page override wins over the bot locale; without a config the defaults show', () => {
    const view = makeView(null);
    applyAppearance(view, 'de');
    expect(document.documentElement.lang).toBe('de');
    expect(view.ui.title.textContent).toBe(translator('de')('assistant'));
    expect(view.ui.subtitle.hidden).toBe(true);
    expect(view.ui.avatar.hidden).toBe(true);
  });

  it('shows an avatar from a safe URL only', () => {
    const view = makeView({ appearance: { avatarUrl: 'javascript:alert(1)' } });
    applyAppearance(view, 'en');
    expect(view.ui.avatar.hidden).toBe(true);
    view.config = { appearance: { avatarUrl: 'https://cdn.example/a.png' } };
    applyAppearance(view, 'en');
    expect(view.ui.avatar.getAttribute('src')).toBe('https://cdn.example/a.png');
  });

  it('loads the public config, and is null when refused or unreachable', async () => {
    const fetch = vi.fn(async () => ({ ok: true, json: async () => ({ name: 'Bot' }) }));
    vi.stubGlobal('fetch', fetch);
    expect(await loadConfig('https://chat.example', 'bot a')).toEqual({ name: 'Bot' });
    expect(fetch).toHaveBeenCalledWith('https://chat.example/api/v1/widget/bot%20a/config', { cache: 'no-store' });

    vi.stubGlobal('fetch', vi.fn(async () => ({ ok: false })));
    expect(await loadConfig('https://chat.example', 'bot')).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('offline');
    }));
    expect(await loadConfig('https://chat.example', 'bot')).toBeNull();
  });
});
