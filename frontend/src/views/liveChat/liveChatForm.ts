import type { BusinessHoursWindow, LiveChatSettings, WeekDay } from '@/api/liveChat';

export const WEEK: WeekDay[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The settings as the form edits them (numbers may be '' while typed). */
export interface LiveChatForm {
  talkToHumanEnabled: boolean;
  visitorAsks: boolean;
  fallbackEnabled: boolean;
  fallbackReplies: number | '';
  thumbsDown: boolean;
  keywordsEnabled: boolean;
  keywords: string[];
  timeZone: string;
  hoursEnabled: boolean;
  businessHours: BusinessHoursWindow[];
  idleCloseMinutes: number | '';
  offlineMessage: string;
}

/** What a bot without live-chat settings starts with (the API's defaults). */
export const DEFAULTS: LiveChatSettings = {
  talkToHumanEnabled: true,
  handoff: { visitorAsks: true, fallbackEnabled: false, fallbackReplies: 2, thumbsDown: false, keywordsEnabled: false, keywords: [] },
  timeZone: 'UTC',
  businessHours: [],
  idleCloseMinutes: 0,
  offlineMessage: '',
};

/** Monday to Friday, 9 to 5: what "set business hours" starts from. */
export const WORKING_WEEK: BusinessHoursWindow[] = WEEK.slice(0, 5).map((day) => ({ day, open: '09:00', close: '17:00' }));

export function toForm(settings: LiveChatSettings | null): LiveChatForm {
  const s = settings ?? DEFAULTS;
  const h = s.handoff ?? DEFAULTS.handoff;
  return {
    talkToHumanEnabled: s.talkToHumanEnabled,
    visitorAsks: h.visitorAsks,
    fallbackEnabled: h.fallbackEnabled,
    fallbackReplies: h.fallbackReplies,
    thumbsDown: h.thumbsDown,
    keywordsEnabled: h.keywordsEnabled,
    keywords: [...(h.keywords ?? [])],
    timeZone: s.timeZone || 'UTC',
    hoursEnabled: (s.businessHours ?? []).length > 0,
    businessHours: (s.businessHours ?? []).map((w) => ({ ...w, day: String(w.day).toLowerCase() as WeekDay })),
    idleCloseMinutes: s.idleCloseMinutes ?? 0,
    offlineMessage: s.offlineMessage ?? '',
  };
}

/** The PATCH body's `liveChat`: every setting (the form shows them all), business hours empty when switched off. */
export function toPatch(form: LiveChatForm): LiveChatSettings {
  return {
    talkToHumanEnabled: form.talkToHumanEnabled,
    handoff: {
      visitorAsks: form.visitorAsks,
      fallbackEnabled: form.fallbackEnabled,
      fallbackReplies: Number(form.fallbackReplies),
      thumbsDown: form.thumbsDown,
      keywordsEnabled: form.keywordsEnabled,
      keywords: form.keywords.map((k) => k.trim()).filter(Boolean),
    },
    timeZone: form.timeZone,
    businessHours: form.hoursEnabled ? form.businessHours.map((w) => ({ ...w })) : [],
    idleCloseMinutes: Number(form.idleCloseMinutes),
    offlineMessage: form.offlineMessage.trim(),
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Checks made before anything is sent, keyed like the API's field errors (`liveChat.businessHours[0].close`). */
export function localErrors(form: LiveChatForm, m: { whole: string; range: string; time: string; order: string; keywords: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  const n = Number(form.fallbackReplies);
  if (form.fallbackReplies === '' || !Number.isInteger(n) || n < 1 || n > 20) errors['liveChat.handoff.fallbackReplies'] = m.range;
  const idle = Number(form.idleCloseMinutes);
  if (form.idleCloseMinutes === '' || !Number.isInteger(idle) || idle < 0) errors['liveChat.idleCloseMinutes'] = m.whole;
  if (form.keywordsEnabled && form.keywords.every((k) => !k.trim())) errors['liveChat.handoff.keywords'] = m.keywords;
  if (form.hoursEnabled) {
    form.businessHours.forEach((w, i) => {
      if (!TIME.test(w.open) || w.open === '24:00') errors[`liveChat.businessHours[${i}].open`] = m.time;
      if (!TIME.test(w.close)) errors[`liveChat.businessHours[${i}].close`] = m.time;
      else if (TIME.test(w.open) && minutes(w.close) <= minutes(w.open)) errors[`liveChat.businessHours[${i}].close`] = m.order;
    });
  }
  return errors;
}

/** The IANA time zones the browser knows (the API checks the name too), with the chosen one kept even if unknown here. */
export function timeZones(current: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return Array.from(new Set(['UTC', current, ...all])).filter(Boolean);
}
