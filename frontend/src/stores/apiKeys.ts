import { ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { apiKeysApi } from '@/api/apiKeys';
import type { ApiKey, CreateApiKey, IssuedApiKey } from '@/api/apiKeys';
import { useRecords } from './records';
import { useSessionStore } from './session';

/**
 * The current workspace's API keys (never their secrets). A created or rotated key's secret is held in `revealed`
 * until the person closes the dialog (`forgetSecret`): after that nothing in the dashboard has it.
 */
export const useApiKeysStore = defineStore('apiKeys', () => {
  const session = useSessionStore();
  const list = useRecords<ApiKey>();
  const revealed = ref<IssuedApiKey | null>(null);

  watch(() => session.workspaceId, () => {
    list.reset();
    revealed.value = null;
  });

  function workspace(): string {
    const id = session.workspaceId;
    if (!id) throw new Error('No workspace is selected.');
    return id;
  }

  async function fetch(): Promise<void> {
    const id = workspace();
    await list.track('isFetching', async () => list.replace((await apiKeysApi.list(id)).items));
  }

  async function create(body: CreateApiKey): Promise<IssuedApiKey> {
    const id = workspace();
    return list.track('isCreating', async () => {
      const issued = await apiKeysApi.create(id, body);
      list.upsert(issued.key);
      revealed.value = issued;
      return issued;
    });
  }

  async function rotate(keyId: string, overlapSeconds?: number): Promise<IssuedApiKey> {
    const id = workspace();
    return list.track('isUpdating', async () => {
      const issued = await apiKeysApi.rotate(id, keyId, overlapSeconds);
      list.upsert(issued.key);
      revealed.value = issued;
      return issued;
    });
  }

  async function revoke(keyId: string): Promise<void> {
    const id = workspace();
    await list.track('isDeleting', async () => {
      await apiKeysApi.revoke(id, keyId);
      list.remove(keyId);
    });
  }

  function forgetSecret(): void {
    revealed.value = null;
  }

  return { ...list.state, byId: list.byId, revealed, fetch, create, rotate, revoke, forgetSecret };
});
