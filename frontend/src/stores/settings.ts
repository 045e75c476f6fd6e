import { reactive, ref, watch } from 'vue';
import { defineStore } from 'pinia';
import { workspacesApi } from '@/api/workspaces';
import { providerKeysApi } from '@/api/providerKeys';
import { toApiError, type ApiError } from '@/api/errors';
import type { Workspace } from '@/api/types';
import type { ProviderKey } from '@/api/providerKeys';
import type { UpdateWorkspace } from '@/api/workspaces';
import { useSessionStore } from './session';

/** The current workspace's settings: name, conversation retention, provider keys (hints only), erasure, deletion. */
export const useSettingsStore = defineStore('settings', () => {
  const session = useSessionStore();
  const workspace = ref<Workspace | null>(null);
  const providerKeys = ref<ProviderKey[]>([]);
  const uiFlags = reactive({ isFetching: false, isSaving: false, isSavingKey: false, isErasing: false, isDeleting: false });
  const error = ref<ApiError | null>(null);

  watch(() => session.workspaceId, () => {
    workspace.value = null;
    providerKeys.value = [];
    error.value = null;
  });

  function id(): string {
    const current = session.workspaceId;
    if (!current) throw new Error('No workspace is selected.');
    return current;
  }

  async function run<R>(flag: keyof typeof uiFlags, call: () => Promise<R>): Promise<R> {
    uiFlags[flag] = true;
    try {
      return await call();
    } finally {
      uiFlags[flag] = false;
    }
  }

  async function fetch(): Promise<void> {
    const workspaceId = id();
    error.value = null;
    await run('isFetching', async () => {
      try {
        [workspace.value, providerKeys.value] = await Promise.all([workspacesApi.get(workspaceId), providerKeysApi.list(workspaceId)]);
      } catch (e) {
        error.value = toApiError(e);
      }
    });
  }

  /** Saves name and/or retention; the session's workspace list shows the new name at once. */
  async function update(patch: UpdateWorkspace): Promise<Workspace> {
    const workspaceId = id();
    return run('isSaving', async () => {
      const saved = await workspacesApi.update(workspaceId, patch);
      workspace.value = saved;
      session.workspaces = session.workspaces.map((w) => (w.id === saved.id ? { ...w, name: saved.name } : w));
      return saved;
    });
  }

  async function setProviderKey(provider: string, apiKey: string): Promise<ProviderKey> {
    const workspaceId = id();
    return run('isSavingKey', async () => {
      const saved = await providerKeysApi.set(workspaceId, provider, apiKey);
      providerKeys.value = [...providerKeys.value.filter((k) => k.provider !== saved.provider), saved];
      return saved;
    });
  }

  async function removeProviderKey(provider: string): Promise<void> {
    const workspaceId = id();
    await run('isSavingKey', async () => {
      await providerKeysApi.remove(workspaceId, provider);
      providerKeys.value = providerKeys.value.filter((k) => k.provider !== provider);
    });
  }

  /** Erases a visitor's conversations; the number erased. */
  async function eraseVisitor(body: { visitorId?: string | null; email?: string | null }): Promise<number> {
    const workspaceId = id();
    return run('isErasing', async () => Number((await workspacesApi.eraseVisitor(workspaceId, body)).conversations));
  }

  /** Deletes the workspace (typed name as confirmation); the session moves to another workspace. */
  async function remove(confirm: string): Promise<void> {
    const workspaceId = id();
    await run('isDeleting', async () => {
      await workspacesApi.remove(workspaceId, confirm);
      await session.loadMe();
      const next = session.workspaces[0];
      if (next) session.select(next.id);
    });
  }

  return { workspace, providerKeys, uiFlags, error, fetch, update, setProviderKey, removeProviderKey, eraseVisitor, remove };
});
