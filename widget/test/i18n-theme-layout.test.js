import { describe, expect, it } from 'vitest';
import { LOCALES, chooseLocale, translator } from '../src/frame/i18n.js';
import { contrast, parseHex, textOn } from '../src/frame/theme.js';
import { frameStyle } from '../src/loader/layout.js';

describe('locales', () => {
  it('every locale has every English key, and Arabic reads right to left', () => {
    const keys = Object.keys(LOCALES.en).sort();
    for (const [name, strings] of Object.entries(LOCALES)) {
      expect(Object.keys(strings).sort(), name).toEqual(keys);
    }

    expect(LOCALES.ar.dir).toBe('rtl');
    expect(translator('de')('unread', { count: 3 })).toBe('3 ungelesen');
  });

  it('chooses the override, then the bot locale, then the browser, then English', () => {
    expect(chooseLocale('fr', 'de', ['es'])).toBe('fr');
    expect(chooseLocale(null, 'de', ['es'])).toBe('de');
    expect(chooseLocale(null, 'auto', ['pt-BR', 'zh-CN'])).toBe('zh');
    expect(chooseLocale('xx', 'auto', ['pt'])).toBe('en');
  });
});

describe('theme', () => {
  it('text on any brand colour keeps AA contrast', () => {
    for (const color of ['#000000', '#ffffff', '#1d4ed8', '#facc15', '#22c55e', '#777777', '#e11d48', '#0ff']) {
      const text = textOn(color);
      expect(contrast(parseHex(color), parseHex(text)), color).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('layout', () => {
  it('places the closed launcher in the chosen corner with its offsets', () => {
    const style = frameStyle({ open: false, position: 'left', offsetX: 30, offsetY: 10 }, 1200);
    expect(style.left).toContain('30px');
    expect(style.right).toBe('auto');
    expect(style.bottom).toContain('10px');
    expect(style.width).toBe('88px');
  });

  it('fills the screen when open below 640 px, and not above', () => {
    expect(frameStyle({ open: true, position: 'right', offsetX: 20, offsetY: 20 }, 600).width).toBe('100vw');
    expect(frameStyle({ open: true, position: 'right', offsetX: 20, offsetY: 20 }, 1024).width).toContain('416px');
  });
});
