import type { ConversationMode } from '@/api/inbox';

/** The badge tone of a mode: waiting stands out (a visitor wants a person), a person holding it is good news. */
export function modeTone(mode: ConversationMode | string | undefined): 'neutral' | 'warning' | 'success' {
  return mode === 'waiting' ? 'warning' : mode === 'human' ? 'success' : 'neutral';
}

/** "Ada", "Ada and Bob", "Ada, Bob and 2 more": who else is viewing, at most `max` names. */
export function namesOf(names: string[], and: string, more: (n: number) => string, max = 2): string {
  if (names.length === 0) return '';
  if (names.length <= max) return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;
  return `${names.slice(0, max).join(', ')} ${and} ${more(names.length - max)}`;
}
