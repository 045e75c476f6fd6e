import { ref } from 'vue';

export const ALERTS_KEY = 'chatsphere.inbox.alerts';

/** What the browser offers: notifications and a way to play a short tone (tests pass fakes). */
export interface AlertPlatform {
  notificationPermission(): NotificationPermission | 'unsupported';
  requestPermission(): Promise<NotificationPermission>;
  notify(title: string, body: string, tag: string, onClick: () => void): void;
  beep(): void;
}

function browserPlatform(): AlertPlatform {
  let audio: AudioContext | null = null;
  return {
    notificationPermission: () => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission),
    requestPermission: () => Notification.requestPermission(),
    notify(title, body, tag, onClick) {
      const n = new Notification(title, { body, tag });
      n.onclick = () => {
        window.focus();
        onClick();
        n.close();
      };
    },
    beep() {
      try {
        audio ??= new AudioContext();
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.15, audio.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
        osc.connect(gain).connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + 0.35);
      } catch {
        // No audio here (or not yet allowed by the browser): the notification and the list still show it.
      }
    },
  };
}

/**
 * Handoff alerts for the agent who allowed them: a browser notification and a short sound when a conversation starts
 * waiting for a person. Off until the agent turns them on (the browser asks for permission then); the choice is kept
 * in localStorage (`chatsphere.inbox.alerts`).
 */
export function useHandoffAlerts(platform: AlertPlatform = browserPlatform()) {
  const saved = (() => {
    try {
      return JSON.parse(localStorage.getItem(ALERTS_KEY) ?? '{}') as { notify?: boolean; sound?: boolean };
    } catch {
      return {};
    }
  })();
  const notify = ref(saved.notify === true && platform.notificationPermission() === 'granted');
  const sound = ref(saved.sound === true);
  const blocked = ref(platform.notificationPermission() === 'denied');
  const supported = platform.notificationPermission() !== 'unsupported';

  function save(): void {
    localStorage.setItem(ALERTS_KEY, JSON.stringify({ notify: notify.value, sound: sound.value }));
  }

  async function setNotify(on: boolean): Promise<void> {
    if (on && platform.notificationPermission() !== 'granted') {
      const answer = await platform.requestPermission().catch(() => 'denied' as NotificationPermission);
      blocked.value = answer === 'denied';
      on = answer === 'granted';
    }
    notify.value = on;
    save();
  }

  function setSound(on: boolean): void {
    sound.value = on;
    save();
  }

  /** A conversation asks for a person: tell the agent the ways they allowed. */
  function handoff(title: string, body: string, conversationId: string, open: () => void): void {
    if (notify.value && platform.notificationPermission() === 'granted') platform.notify(title, body, `handoff-${conversationId}`, open);
    if (sound.value) platform.beep();
  }

  return { notify, sound, blocked, supported, setNotify, setSound, handoff };
}
