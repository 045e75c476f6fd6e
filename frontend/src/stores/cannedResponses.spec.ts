import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { cannedResponsesApi } from '@/api/cannedResponses';
import { useSessionStore } from './session';
import { useCannedResponsesStore } from './cannedResponses';

vi.mock('@/api/cannedResponses', () => ({ cannedResponsesApi: { list: vi.fn(), create: vi.fn(), update: vi.fn(), remove: vi.fn() } }));

beforeEach(() => {
  setActivePinia(createPinia());
  vi.clearAllMocks();
  useSessionStore().$patch({ workspaces: [{ id: 'w1', name: 'W', role: 'editor' }] as never });
});

describe('canned responses store', () => {
  it('loads once, keeps them sorted by shortcut through create, update and delete', async () => {
    vi.mocked(cannedResponsesApi.list).mockResolvedValue([{ id: 'r2', shortcut: 'thanks', title: 'thanks', text: 'Thank you!' }, { id: 'r1', shortcut: 'hi', title: 'hi', text: 'Hello' }]);
    vi.mocked(cannedResponsesApi.create).mockResolvedValue({ id: 'r3', shortcut: 'bye', title: 'bye', text: 'Bye' });
    vi.mocked(cannedResponsesApi.update).mockResolvedValue({ id: 'r1', shortcut: 'zz', title: 'zz', text: 'Hello again' });
    const store = useCannedResponsesStore();
    await store.ensure();
    await store.ensure();
    expect(cannedResponsesApi.list).toHaveBeenCalledTimes(1);
    expect(store.records.map((r) => r.shortcut)).toEqual(['hi', 'thanks']);
    await store.create({ shortcut: 'bye', title: 'bye', text: 'Bye' });
    expect(cannedResponsesApi.create).toHaveBeenCalledWith('w1', { shortcut: 'bye', title: 'bye', text: 'Bye' });
    expect(store.records.map((r) => r.shortcut)).toEqual(['bye', 'hi', 'thanks']);
    await store.update('r1', { shortcut: 'zz', title: 'zz', text: 'Hello again' });
    expect(store.records.map((r) => r.shortcut)).toEqual(['bye', 'thanks', 'zz']);
    await store.remove('r2');
    expect(cannedResponsesApi.remove).toHaveBeenCalledWith('w1', 'r2');
    expect(store.records.map((r) => r.id)).toEqual(['r3', 'r1']);
  });

  it('a refused save keeps the field errors and the list', async () => {
    vi.mocked(cannedResponsesApi.list).mockResolvedValue([]);
    vi.mocked(cannedResponsesApi.create).mockRejectedValue({ status: 400, errors: { shortcut: ['Taken.'] } });
    const store = useCannedResponsesStore();
    await store.fetch();
    await expect(store.create({ shortcut: 'hi', title: 'Hi', text: 'x' })).rejects.toBeTruthy();
    expect(store.error).not.toBeNull();
    expect(store.records).toEqual([]);
  });
});
