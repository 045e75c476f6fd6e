import { describe, expect, it } from 'vitest';
import type { Chatbot } from '@/api/types';
import { appearanceOf, isWidgetDirty, toWidgetForm, toWidgetPatch } from './widgetForm';
import { embedSnippet, initMessage, previewMessage, savedState, widgetHost } from './widgetPreview';

const bot = {
  id: 'bot1', allowedDomains: ['example.com'],
  widget: { primaryColor: '#1d4ed8', position: 'right', offsetX: 20, offsetY: 20, launcherIcon: 'chat', avatarUrl: null, title: null, subtitle: null, placeholder: null, theme: 'light', autoOpenDelaySeconds: 0, locale: 'auto' },
} as unknown as Chatbot;

describe('widget form', () => {
  it('sends only what changed, numbers as numbers, and the domains when they changed', () => {
    const original = toWidgetForm(bot);
    const form = toWidgetForm(bot);
    expect(isWidgetDirty(original, form)).toBe(false);
    form.appearance.primaryColor = '#0f766e';
    form.appearance.offsetX = '32';
    form.appearance.title = ' Help ';
    form.allowedDomains = ['example.com', ' shop.example.com ', ''];
    expect(toWidgetPatch(original, form)).toEqual({
      widget: { primaryColor: '#0f766e', offsetX: 32, title: 'Help' },
      allowedDomains: ['example.com', 'shop.example.com'],
    });
    expect(isWidgetDirty(original, form)).toBe(true);
  });

  it('previews numbers as numbers, a blank one as the saved value', () => {
    const original = toWidgetForm(bot);
    const form = toWidgetForm(bot);
    form.appearance.offsetY = '';
    expect(appearanceOf(form, original)).toMatchObject({ offsetX: 20, offsetY: 20, primaryColor: '#1d4ed8' });
  });

  it('speaks the widget protocol and writes the snippet', () => {
    expect(initMessage('bot1', 'https://dash/x')).toMatchObject({ cs: 'chatsphere:widget:v1', type: 'init', settings: { botId: 'bot1', open: true } });
    expect(previewMessage({ primaryColor: '#000' })).toEqual({ cs: 'chatsphere:widget:v1', type: 'command', name: 'preview', args: [{ primaryColor: '#000' }] });
    expect(embedSnippet('https://api.example.com', 'bot1')).toBe('<script async src="https://api.example.com/widget.js" data-bot-id="bot1"></script>');
    expect(widgetHost('', 'https://dash.example')).toBe('https://dash.example');
    expect(savedState({ cs: 'chatsphere:widget:v1', type: 'save', saved: { visitorToken: 't' } })).toEqual({ visitorToken: 't' });
    expect(savedState({ cs: 'chatsphere:widget:v1', type: 'layout' })).toBeUndefined();
    expect(savedState('noise')).toBeUndefined();
  });
});
