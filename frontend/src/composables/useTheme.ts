import { ref, watch } from 'vue';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_KEY = 'chatsphere.theme';

const choice = ref<ThemeChoice>(read());
const dark = ref(false);
let media: MediaQueryList | undefined;

function read(): ThemeChoice {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(THEME_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

function apply(): void {
  media ??= typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : undefined;
  dark.value = choice.value === 'dark' || (choice.value === 'system' && !!media?.matches);
  document.documentElement.classList.toggle('dark', dark.value);
}

let started = false;

/** Dark mode: the system's by default, or the person's remembered choice (index.html applies it before first paint). */
export function useTheme() {
  if (!started) {
    started = true;
    apply();
    media?.addEventListener?.('change', apply);
    watch(choice, (value) => {
      if (value === 'system') {
        localStorage.removeItem(THEME_KEY);
      } else {
        localStorage.setItem(THEME_KEY, value);
      }
      apply();
    });
  }
  return {
    choice,
    dark,
    /** Flips between light and dark (leaving "system" for an explicit choice). */
    toggle: () => {
      choice.value = dark.value ? 'light' : 'dark';
    },
  };
}
