// The config view: the bot's public widget config (GET /api/v1/widget/{botId}/config) and how it shows in the frame:
// language and direction, brand colour and readable text on it, theme, corner, title, subtitle, avatar, and every
// translated label. Reads and writes the shared view ({ win, ui, config, t }).
import { chooseLocale, translator } from './i18n.js';
import { safeUrl } from './markdown.js';
import { textOn } from './theme.js';

const DEFAULT_PRIMARY = '#1d4ed8';

/** The appearance settings in force: the config's (none before it loaded). Every room reads them through here. */
export function appearanceOf(view) {
  return Object.assign({}, view.config ? view.config.appearance : {}, view.preview);
}

/** The bot's public config, or null when the server refused or could not be reached. */
export async function loadConfig(apiOrigin, botId) {
  try {
    const response = await fetch(`${apiOrigin}/api/v1/widget/${encodeURIComponent(botId)}/config`, { cache: 'no-store' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** A #rgb or #rrggbb colour, else the default blue (a config value never reaches CSS unchecked). */
export function primaryColor(value) {
  return /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(value || '') ? value : DEFAULT_PRIMARY;
}

/**
 * Applies the config's appearance to the frame, choosing the language from the page's override
 * (`localeOverride`), the bot's setting and the browser; sets view.t to the chosen language's translator.
 */
export function applyAppearance(view, localeOverride) {
  const { win, ui, config } = view;
  const doc = win.document;
  const a = appearanceOf(view);
  const locale = chooseLocale(localeOverride, a.locale, win.navigator.languages || [win.navigator.language]);
  const t = translator(locale);
  view.t = t;
  doc.documentElement.lang = locale;
  doc.documentElement.dir = t('dir');
  const primary = primaryColor(a.primaryColor);
  doc.documentElement.style.setProperty('--cs-primary', primary);
  doc.documentElement.style.setProperty('--cs-on-primary', textOn(primary));
  const dark = a.theme === 'dark' || (a.theme === 'auto' && win.matchMedia && win.matchMedia('(prefers-color-scheme: dark)').matches);
  doc.documentElement.classList.toggle('cs-dark', !!dark);
  ui.root.classList.toggle('cs-left', a.position === 'left');

  ui.title.textContent = a.title || (config && config.name) || t('assistant');
  ui.subtitle.textContent = a.subtitle || '';
  ui.subtitle.hidden = !a.subtitle;
  const avatar = safeUrl(a.avatarUrl);
  ui.avatar.hidden = !avatar;
  if (avatar && ui.avatar.getAttribute('src') !== avatar) {
    ui.avatar.src = avatar;
  }

  ui.input.placeholder = a.placeholder || t('placeholder');
  ui.inputLabel.textContent = t('messageLabel');
  ui.send.setAttribute('aria-label', t('send'));
  ui.resetButton.setAttribute('aria-label', t('newConversation'));
  ui.resetButton.title = t('newConversation');
  ui.closeButton.setAttribute('aria-label', t('closeChat'));
  ui.closeButton.title = t('closeChat');
  ui.messages.setAttribute('aria-label', t('conversation'));
  ui.suggestions.setAttribute('aria-label', t('suggested'));
  ui.typing.lastChild.textContent = t('typing');
  ui.powered.textContent = t('poweredBy');
  doc.title = ui.title.textContent;
}
