import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { THEME_KEY, useTheme } from './useTheme';

describe('useTheme', () => {
  it('toggles dark mode on <html> and remembers the choice', async () => {
    const theme = useTheme();
    const before = theme.dark.value;
    theme.toggle();
    await nextTick();
    expect(document.documentElement.classList.contains('dark')).toBe(!before);
    expect(localStorage.getItem(THEME_KEY)).toBe(before ? 'light' : 'dark');
    theme.choice.value = 'system';
    await nextTick();
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });
});
