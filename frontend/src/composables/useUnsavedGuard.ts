import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { onBeforeRouteLeave, onBeforeRouteUpdate } from 'vue-router';
import { useI18n } from 'vue-i18n';

/**
 * Keeps unsaved edits: leaving the route (or switching it to another record) asks first (the browser's confirm), and closing or reloading the tab gets the
 * browser's own "leave site?" prompt, while `dirty` is true.
 */
export function useUnsavedGuard(dirty: Ref<boolean>, confirmLeave: (message: string) => boolean = (m) => window.confirm(m)) {
  const { t } = useI18n();

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (dirty.value) {
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    }
  };

  onMounted(() => window.addEventListener('beforeunload', beforeUnload));
  onBeforeUnmount(() => window.removeEventListener('beforeunload', beforeUnload));
  const guard = () => (dirty.value ? confirmLeave(t('common.unsaved.confirm')) : true);
  onBeforeRouteLeave(guard);
  // The same screen for another record (one bot's settings to another's) is a leave too.
  onBeforeRouteUpdate((to, from) => (to.path === from.path ? true : guard()));
}
