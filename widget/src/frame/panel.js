// The panel: the frame's DOM skeleton (launcher, header, scroller, composer), the launcher's look and unread badge,
// the connection banner, the layout the frame asks its host page for, and the keyboard (Escape, focus trap) while open.
// Every function reads the shared view: { win, ui, config, t, isOpen, unread, status, statusDetail }.
import { ICONS, el, focusables, icon } from './dom.js';
import { appearanceOf } from './config-view.js';
import { safeUrl } from './markdown.js';

/**
 * Builds the frame's elements into win's body and wires them to the actions:
 * toggle(), close(), reset(), send(text), keydown(event) (on the document, so Escape and the focus trap work wherever
 * focus is in the frame, even on its body). Returns the elements by name.
 */
export function buildPanel(win, actions) {
  const doc = win.document;
  const launcher = el('button', { type: 'button', class: 'cs-launcher', 'aria-controls': 'cs-panel', 'aria-expanded': 'false', hidden: true, onclick: () => actions.toggle() });
  const badge = el('span', { class: 'cs-badge', hidden: true, 'aria-hidden': 'true' });
  const title = el('h1', { id: 'cs-title', class: 'cs-title' });
  const subtitle = el('p', { class: 'cs-subtitle' });
  const avatar = el('img', { class: 'cs-avatar', alt: '', hidden: true });
  const resetButton = el('button', { type: 'button', class: 'cs-icon-button', onclick: () => actions.reset() }, icon(ICONS.reset));
  const closeButton = el('button', { type: 'button', class: 'cs-icon-button', onclick: () => actions.close() }, icon(ICONS.close));
  const banner = el('div', { class: 'cs-banner', role: 'alert', hidden: true });
  const welcome = el('div', { class: 'cs-bubble cs-assistant cs-welcome', dir: 'auto' });
  const messages = el('ol', { class: 'cs-messages', id: 'cs-messages' });
  const typing = el('div', { class: 'cs-typing', hidden: true }, [el('span', { class: 'cs-dots', 'aria-hidden': 'true' }, [el('i'), el('i'), el('i')]), el('span', { class: 'cs-sr-only' })]);
  const suggestions = el('div', { class: 'cs-suggestions', role: 'group' });
  const lead = el('form', { class: 'cs-lead', hidden: true, novalidate: true });
  const input = el('textarea', { id: 'cs-input', class: 'cs-input', rows: '1', maxlength: '4000', enterkeyhint: 'send', dir: 'auto' });
  const inputLabel = el('label', { for: 'cs-input', class: 'cs-sr-only' });
  const send = el('button', { type: 'submit', class: 'cs-send' }, icon(ICONS.send));
  const composer = el('form', { class: 'cs-composer' }, [inputLabel, input, send]);
  const live = el('div', { class: 'cs-sr-only', role: 'status', 'aria-live': 'polite' });
  const powered = el('p', { class: 'cs-powered' });
  const scroller = el('div', { class: 'cs-scroll' }, [welcome, messages, typing, suggestions, lead]);
  const panel = el('section', { id: 'cs-panel', class: 'cs-panel', role: 'dialog', 'aria-labelledby': 'cs-title', hidden: true }, [
    el('header', { class: 'cs-header' }, [avatar, el('div', { class: 'cs-heading' }, [title, subtitle]), resetButton, closeButton]),
    banner,
    scroller,
    composer,
    powered,
    live,
  ]);
  const root = el('main', { class: 'cs-root' }, [panel, launcher]);
  launcher.appendChild(badge);

  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    actions.send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  doc.addEventListener('keydown', (event) => actions.keydown(event));
  doc.body.appendChild(root);
  return { root, launcher, badge, title, subtitle, avatar, resetButton, closeButton, banner, welcome, messages, typing, suggestions, lead, input, inputLabel, send, panel, live, powered, scroller };
}

/** Shows or hides the panel (the launcher stays). */
export function showPanel(view, open) {
  view.ui.panel.hidden = !open;
  view.ui.root.classList.toggle('cs-open', open);
}

/** The launcher: the bot's icon (or close while open), its label with the unread count, and the badge. */
export function renderLauncher(view) {
  const { ui, t, isOpen, unread } = view;
  const a = appearanceOf(view);
  const custom = safeUrl(a.launcherIcon);
  const glyph = custom ? el('img', { src: custom, alt: '', class: 'cs-launcher-image' }) : icon(isOpen ? ICONS.close : ICONS[a.launcherIcon] || ICONS.chat);
  ui.launcher.replaceChildren(glyph, ui.badge);
  ui.launcher.setAttribute('aria-expanded', String(isOpen));
  const label = isOpen ? t('closeChat') : t('openChat');
  ui.launcher.setAttribute('aria-label', unread > 0 ? `${label} (${t('unread', { count: unread })})` : label);
  ui.badge.hidden = unread === 0 || isOpen;
  ui.badge.textContent = unread > 9 ? '9+' : String(unread);
}

/** The connection banner (reconnecting, refused with the server's reason, unavailable); the composer is off while refused or unavailable. */
export function renderBanner(view) {
  const { ui, t, status, statusDetail } = view;
  const text = { reconnecting: t('reconnecting'), refused: t('notAllowed'), unavailable: t('unavailable') }[status];
  ui.banner.hidden = !text;
  ui.banner.replaceChildren();
  if (text) {
    ui.banner.appendChild(el('strong', { text }));
    if (status === 'refused' && statusDetail) {
      ui.banner.appendChild(el('span', { class: 'cs-banner-detail', text: statusDetail }));
    }
  }

  ui.root.classList.toggle('cs-refused', status === 'refused');
  ui.input.disabled = status === 'refused' || status === 'unavailable';
  ui.send.disabled = ui.input.disabled;
}

/** The layout message's payload for the host page: open or not, the corner and offsets, whether to focus, the title. */
export function layoutOf(view, focus) {
  const a = appearanceOf(view);
  return { layout: { open: view.isOpen, position: a.position || 'right', offsetX: a.offsetX ?? 20, offsetY: a.offsetY ?? 20, focus: !!focus, title: view.ui.title.textContent } };
}

/** Escape closes the open panel (through close()); Tab and Shift+Tab cycle inside it. */
export function handleKeys(view, event, close) {
  const { ui, isOpen } = view;
  if (event.key === 'Escape' && isOpen) {
    event.preventDefault();
    close();
    return;
  }

  if (event.key !== 'Tab' || !isOpen) {
    return;
  }

  const items = focusables(ui.panel);
  if (items.length === 0) {
    return;
  }

  const first = items[0];
  const last = items[items.length - 1];
  const active = view.win.document.activeElement;
  if (event.shiftKey && (active === first || !ui.panel.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !ui.panel.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Where focus goes when the panel opens: the lead form's first field while it shows, else the message box. */
export function focusTarget(view) {
  const { ui } = view;
  return ui.lead.hidden ? ui.input : focusables(ui.lead)[0] || ui.input;
}
