import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../src/frame/i18n.js';
import { buildPanel, focusTarget, handleKeys, layoutOf, renderBanner, renderLauncher, showPanel } from '../src/frame/panel.js';

function actions() {
  return { toggle: vi.fn(), close: vi.fn(), reset: vi.fn(), send: vi.fn(), keydown: vi.fn() };
}

function makeView(overrides) {
  const on = actions();
  const ui = buildPanel(window, on);
  return { view: Object.assign({ win: window, ui, config: null, t: translator('en'), isOpen: false, unread: 0, status: 'connecting', statusDetail: '' }, overrides), on };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('panel', () => {
  it('builds a hidden dialog and launcher, and wires the launcher, the buttons and the composer to the actions', () => {
    const { view, on } = makeView();
    const { ui } = view;
    expect(ui.panel.getAttribute('role')).toBe('dialog');
    expect(ui.panel.hidden).toBe(true);
    expect(ui.launcher.hidden).toBe(true);

    ui.launcher.click();
    ui.closeButton.click();
    ui.resetButton.click();
    ui.input.value = 'Hello';
    ui.input.closest('form').dispatchEvent(new Event('submit', { cancelable: true }));
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));

    expect(on.toggle).toHaveBeenCalledTimes(1);
    expect(on.close).toHaveBeenCalledTimes(1);
    expect(on.reset).toHaveBeenCalledTimes(1);
    expect(on.send).toHaveBeenCalledWith('Hello');
    expect(ui.input.value).toBe('');
    expect(on.keydown).toHaveBeenCalledTimes(1);
  });

  it('shows and hides the panel', () => {
    const { view } = makeView();
    showPanel(view, true);
    expect(view.ui.panel.hidden).toBe(false);
    expect(view.ui.root.classList.contains('cs-open')).toBe(true);
    showPanel(view, false);
    expect(view.ui.panel.hidden).toBe(true);
  });

  it('the launcher counts unread replies while closed, up to 9+', () => {
    const { view } = makeView({ unread: 3 });
    renderLauncher(view);
    expect(view.ui.badge.hidden).toBe(false);
    expect(view.ui.badge.textContent).toBe('3');
    expect(view.ui.launcher.getAttribute('aria-label')).toBe('Open chat (3 unread)');
    expect(view.ui.launcher.getAttribute('aria-expanded')).toBe('false');

    Object.assign(view, { unread: 12 });
    renderLauncher(view);
    expect(view.ui.badge.textContent).toBe('9+');

    Object.assign(view, { isOpen: true, unread: 0 });
    renderLauncher(view);
    expect(view.ui.badge.hidden).toBe(true);
    expect(view.ui.launcher.getAttribute('aria-expanded')).toBe('true');
  });

  it('a custom launcher icon shows only from a safe URL', () => {
    const { view } = makeView({ config: { appearance: { launcherIcon: 'https://cdn.example/icon.png' } } });
    renderLauncher(view);
    expect(view.ui.launcher.querySelector('img').getAttribute('src')).toBe('https://cdn.example/icon.png');

    view.config = { appearance: { launcherIcon: 'javascript:alert(1)' } };
    renderLauncher(view);
    expect(view.ui.launcher.querySelector('img')).toBeNull();
    expect(view.ui.launcher.querySelector('svg')).not.toBeNull();
  });

  it('the banner names the state; refused shows the reason and turns the composer off', () => {
    const { view } = makeView({ status: 'refused', statusDetail: 'This site is not allowed.' });
    renderBanner(view);
    expect(view.ui.banner.hidden).toBe(false);
    expect(view.ui.banner.textContent).toContain('This site is not allowed.');
    expect(view.ui.input.disabled).toBe(true);
    expect(view.ui.send.disabled).toBe(true);

    Object.assign(view, { status: 'connected', statusDetail: '' });
    renderBanner(view);
    expect(view.ui.banner.hidden).toBe(true);
    expect(view.ui.input.disabled).toBe(false);
  });

  it('asks the host page for the corner and offsets of the config, with defaults', () => {
    const { view } = makeView();
    view.ui.title.textContent = 'Help';
    expect(layoutOf(view, true)).toEqual({ layout: { open: false, position: 'right', offsetX: 20, offsetY: 20, focus: true, title: 'Help' } });
    view.config = { appearance: { position: 'left', offsetX: 0, offsetY: 40 } };
    view.isOpen = true;
    expect(layoutOf(view, false).layout).toMatchObject({ open: true, position: 'left', offsetX: 0, offsetY: 40, focus: false });
  });

  it('Escape closes the open panel only', () => {
    const { view } = makeView();
    const close = vi.fn();
    handleKeys(view, new KeyboardEvent('keydown', { key: 'Escape' }), close);
    expect(close).not.toHaveBeenCalled();
    view.isOpen = true;
    const escape = new KeyboardEvent('keydown', { key: 'Escape', cancelable: true });
    handleKeys(view, escape, close);
    expect(close).toHaveBeenCalledTimes(1);
    expect(escape.defaultPrevented).toBe(true);
  });

  it('focus goes to the message box, or to the lead form while it shows', () => {
    const { view } = makeView();
    expect(focusTarget(view)).toBe(view.ui.input);
  });
});
