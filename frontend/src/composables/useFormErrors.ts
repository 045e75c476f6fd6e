import { computed, ref } from 'vue';
import { toApiError, type ApiError } from '@/api/errors';

/**
 * A form's errors from the API: `catch (e) { form.take(e) }` keeps the ProblemDetails; `form.field('name')` gives the
 * message for a field (shown inline under it), `form.general` the message for everything the API did not tie to a
 * field. `clear(field)` drops one when the person edits it.
 */
export function useFormErrors() {
  const error = ref<ApiError | null>(null);
  const cleared = ref(new Set<string>());

  function take(e: unknown): ApiError {
    error.value = toApiError(e);
    cleared.value = new Set();
    return error.value;
  }

  function field(name: string): string | undefined {
    return cleared.value.has(name) ? undefined : error.value?.field(name);
  }

  function clear(name?: string): void {
    if (name === undefined) {
      error.value = null;
      cleared.value = new Set();
    } else {
      cleared.value = new Set([...cleared.value, name]);
    }
  }

  /** The message for the form as a whole: the problem's detail or title when no field was named. */
  const general = computed(() => {
    const e = error.value;
    if (!e) {
      return undefined;
    }
    return Object.keys(e.fields).length > 0 ? undefined : e.detail ?? e.title;
  });

  const fieldNames = computed(() => (error.value ? Object.keys(error.value.fields).filter((f) => !cleared.value.has(f)) : []));

  return { error, take, field, clear, general, fieldNames };
}
