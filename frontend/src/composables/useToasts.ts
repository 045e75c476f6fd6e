import { ref } from 'vue';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

const toasts = ref<Toast[]>([]);
let next = 1;

/** Short notices in the corner (announced to screen readers by ToastRegion); errors stay until dismissed. */
export function useToasts() {
  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function show(message: string, tone: ToastTone = 'info', timeoutMs = tone === 'error' ? 0 : 5000): number {
    const id = next++;
    toasts.value = [...toasts.value, { id, tone, message }];
    if (timeoutMs > 0) {
      setTimeout(() => dismiss(id), timeoutMs);
    }
    return id;
  }

  return {
    toasts,
    dismiss,
    success: (message: string) => show(message, 'success'),
    error: (message: string) => show(message, 'error'),
    info: (message: string) => show(message, 'info'),
  };
}
