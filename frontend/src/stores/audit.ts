import { reactive, watch } from 'vue';
import { defineStore } from 'pinia';
import { auditApi, type AuditFilter } from '@/api/audit';
import type { AuditEntry } from '@/api/audit';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** The audit log of the current workspace, newest first, filtered, paged with the API's cursor. */
export const useAuditStore = defineStore('audit', () => {
  const session = useSessionStore();
  const list = useRecords<AuditEntry>();
  const filter = reactive<AuditFilter>({});
  /** The filter the shown records were loaded with (paging continues with it, not with half-typed edits). */
  let loadedWith: AuditFilter = {};

  watch(() => session.workspaceId, list.reset);

  function workspace(): string {
    const id = session.workspaceId;
    if (!id) throw new Error('No workspace is selected.');
    return id;
  }

  /** Loads the first page with the current filter. */
  async function fetch(): Promise<void> {
    const id = workspace();
    loadedWith = { ...filter };
    await list.track('isFetching', async () => {
      const page = await auditApi.list(id, loadedWith);
      list.replace(page.items, page.nextCursor);
    });
  }

  async function fetchMore(): Promise<void> {
    const cursor = list.state.meta.nextCursor;
    if (!cursor) return;
    const id = workspace();
    await list.track('isFetching', async () => {
      const page = await auditApi.list(id, loadedWith, cursor);
      list.append(page.items, page.nextCursor);
    });
  }

  function setFilter(next: AuditFilter): void {
    for (const key of Object.keys(filter) as (keyof AuditFilter)[]) delete filter[key];
    Object.assign(filter, next);
  }

  return { ...list.state, filter, fetch, fetchMore, setFilter };
});
