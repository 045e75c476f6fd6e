import type { Chatbot, UpdateChatbot, WidgetAppearance } from '@/api/types';

/** The widget screen's editable state: the appearance as strings for the fields, and the allowed domains. */
export interface WidgetForm {
  appearance: {
    primaryColor: string;
    position: string;
    offsetX: string;
    offsetY: string;
    launcherIcon: string;
    avatarUrl: string;
    title: string;
    subtitle: string;
    placeholder: string;
    theme: string;
    autoOpenDelaySeconds: string;
    locale: string;
  };
  allowedDomains: string[];
}

export function toWidgetForm(bot: Chatbot): WidgetForm {
  const w: Partial<WidgetAppearance> = bot.widget ?? {};
  return {
    appearance: {
      primaryColor: w.primaryColor ?? '#1d4ed8', position: w.position ?? 'right', offsetX: String(w.offsetX ?? 20), offsetY: String(w.offsetY ?? 20),
      launcherIcon: w.launcherIcon ?? 'chat', avatarUrl: w.avatarUrl ?? '', title: w.title ?? '', subtitle: w.subtitle ?? '',
      placeholder: w.placeholder ?? '', theme: w.theme ?? 'light', autoOpenDelaySeconds: String(w.autoOpenDelaySeconds ?? 0), locale: w.locale ?? 'auto',
    },
    allowedDomains: [...(bot.allowedDomains ?? [])],
  };
}

const NUMBERS = ['offsetX', 'offsetY', 'autoOpenDelaySeconds'] as const;

/** The appearance as the widget reads it (numbers as numbers; a blank number keeps the saved value). */
export function appearanceOf(form: WidgetForm, saved: WidgetForm): Record<string, string | number> {
  const out: Record<string, string | number> = { ...form.appearance };
  for (const key of NUMBERS) {
    const value = form.appearance[key].trim() === '' ? saved.appearance[key] : form.appearance[key];
    out[key] = Number(value);
  }
  return out;
}

/** The PATCH: only what changed (an empty text clears it, as the API documents). */
export function toWidgetPatch(original: WidgetForm, form: WidgetForm): UpdateChatbot {
  const patch: Record<string, unknown> = {};
  const widget: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form.appearance) as [keyof WidgetForm['appearance'], string][]) {
    if (value !== original.appearance[key]) {
      widget[key] = (NUMBERS as readonly string[]).includes(key) ? (value.trim() === '' ? value : Number(value)) : value.trim();
    }
  }
  if (Object.keys(widget).length > 0) patch.widget = widget;
  const domains = form.allowedDomains.map((d) => d.trim()).filter(Boolean);
  if (JSON.stringify(domains) !== JSON.stringify(original.allowedDomains)) patch.allowedDomains = domains;
  return patch as UpdateChatbot;
}

export function isWidgetDirty(original: WidgetForm | null, form: WidgetForm | null): boolean {
  return !!original && !!form && Object.keys(toWidgetPatch(original, form)).length > 0;
}
