import { watch } from 'vue';
import { defineStore } from 'pinia';
import { cannedResponsesApi, type CannedResponse, type CannedResponseInput } from '@/api/cannedResponses';
import { useRecords } from './records';
import { useSessionStore } from './session';

/** The workspace's canned responses, sorted by shortcut: picked in the inbox, managed in the workspace settings. */
export const useCannedResponsesStore = defineStore('cannedResponses', () => {
  const session = useSessionStore();
  const list = useRecords<CannedResponse>();
  const sorted = (items: CannedResponse[]) => [...items].sort((a, b) => a.shortcut.localeCompare(b.shortcut));
  watch(() => session.workspaceId, list.reset);

  const workspace = () => {
    if (!session.workspaceId) throw new Error('No workspace is selected.');
    return session.workspaceId;
  };

  async function fetch(): Promise<void> {
    await list.track('isFetching', async () => list.replace(sorted(await cannedResponsesApi.list(workspace()))));
  }

  /** Loads once per workspace (the inbox's picker); `fetch` reloads. */
  async function ensure(): Promise<void> {
    if (list.state.meta.loadedAt === null) await fetch();
  }

  async function create(input: CannedResponseInput): Promise<CannedResponse> {
    const created = await list.track('isCreating', () => cannedResponsesApi.create(workspace(), input));
    list.replace(sorted([...list.state.records.value, created]));
    return created;
  }

  async function update(id: string, input: CannedResponseInput): Promise<CannedResponse> {
    const updated = await list.track('isUpdating', () => cannedResponsesApi.update(workspace(), id, input));
    list.replace(sorted(list.state.records.value.map((c) => (c.id === id ? updated : c))));
    return updated;
  }

  async function remove(id: string): Promise<void> {
    await list.track('isDeleting', () => cannedResponsesApi.remove(workspace(), id));
    list.remove(id);
  }

  return { ...list.state, fetch, ensure, create, update, remove };
});
