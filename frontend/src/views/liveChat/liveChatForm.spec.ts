import { describe, expect, it } from 'vitest';
import { DEFAULTS, WORKING_WEEK, localErrors, timeZones, toForm, toPatch } from './liveChatForm';

const m = { whole: 'whole', range: 'range', time: 'time', order: 'order', keywords: 'keywords' };

describe('live chat form', () => {
  it('round-trips the API\'s settings, days read in lower case', () => {
    const settings = {
      ...DEFAULTS,
      handoff: { ...DEFAULTS.handoff, keywordsEnabled: true, keywords: ['refund', ' human '] },
      timeZone: 'Europe/Berlin',
      businessHours: [{ day: 'Monday' as never, open: '09:00', close: '17:00' }],
      idleCloseMinutes: 30,
      offlineMessage: ' Back at 9. ',
    };
    const form = toForm(settings);
    expect(form.hoursEnabled).toBe(true);
    expect(form.businessHours[0]?.day).toBe('monday');
    const patch = toPatch(form);
    expect(patch.handoff.keywords).toEqual(['refund', 'human']);
    expect(patch.offlineMessage).toBe('Back at 9.');
    expect(patch.businessHours).toEqual([{ day: 'monday', open: '09:00', close: '17:00' }]);
    expect(patch.timeZone).toBe('Europe/Berlin');
  });

  it('a bot without settings starts from the defaults; hours switched off send an empty list', () => {
    const form = toForm(null);
    expect(form).toMatchObject({ talkToHumanEnabled: true, visitorAsks: true, hoursEnabled: false, timeZone: 'UTC' });
    form.businessHours = [...WORKING_WEEK];
    expect(toPatch(form).businessHours).toEqual([]);
    form.hoursEnabled = true;
    expect(toPatch(form).businessHours).toHaveLength(5);
  });

  it('names each bad field the way the API would', () => {
    const form = toForm(null);
    form.fallbackReplies = 0;
    form.idleCloseMinutes = '';
    form.keywordsEnabled = true;
    form.hoursEnabled = true;
    form.businessHours = [{ day: 'monday', open: '9:00', close: '17:00' }, { day: 'tuesday', open: '18:00', close: '09:00' }, { day: 'friday', open: '00:00', close: '24:00' }];
    expect(localErrors(form, m)).toEqual({
      'liveChat.handoff.fallbackReplies': 'range',
      'liveChat.idleCloseMinutes': 'whole',
      'liveChat.handoff.keywords': 'keywords',
      'liveChat.businessHours[0].open': 'time',
      'liveChat.businessHours[1].close': 'order',
    });
    expect(localErrors(toForm(null), m)).toEqual({});
  });

  it('lists time zones with UTC and the current one', () => {
    const zones = timeZones('Mars/Olympus');
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('Mars/Olympus');
  });
});
