/** What a key does in the inbox. */
export type InboxAction = 'next' | 'previous' | 'search' | 'takeover' | 'handback' | 'close' | 'reply' | 'note' | 'assignMe' | 'help' | 'back';

/** The inbox's keyboard shortcuts, in the order the help dialog lists them (the key as shown, the i18n key of what it does). */
export const SHORTCUTS: ReadonlyArray<{ keys: string; action: InboxAction }> = [
  { keys: 'j', action: 'next' },
  { keys: 'k', action: 'previous' },
  { keys: '/', action: 'search' },
  { keys: 't', action: 'takeover' },
  { keys: 'r', action: 'reply' },
  { keys: 'n', action: 'note' },
  { keys: 'h', action: 'handback' },
  { keys: 'e', action: 'close' },
  { keys: 'a', action: 'assignMe' },
  { keys: '?', action: 'help' },
  { keys: 'Esc', action: 'back' },
];

const BY_KEY: Record<string, InboxAction> = Object.fromEntries(SHORTCUTS.map((s) => [s.keys === 'Esc' ? 'Escape' : s.keys, s.action]));

/**
 * The action for a key press, or null. Single keys act only when focus is not in a text field (typing a "j" in the
 * reply is a "j"), and never with Ctrl, Alt or Meta (the browser's and the system's shortcuts stay theirs). Escape
 * in a text field leaves it (back).
 */
export function shortcutAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): InboxAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  const target = event.target as HTMLElement | null;
  const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  if (typing && event.key !== 'Escape') return null;
  return BY_KEY[event.key] ?? null;
}
