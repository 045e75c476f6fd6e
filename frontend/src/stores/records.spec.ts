import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { useRecords } from './records';

describe('useRecords', () => {
  it('upserts in place, prepends new records and removes by id', () => {
    const list = useRecords<{ id: string; name: string }>();
    list.replace([{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], 'next');
    list.upsert({ id: 'b', name: 'B2' });
    list.upsert({ id: 'c', name: 'C' });
    expect(list.state.records.value.map((r) => `${r.id}:${r.name}`)).toEqual(['c:C', 'a:A', 'b:B2']);
    expect(list.state.meta.nextCursor).toBe('next');
    list.remove('a');
    expect(list.byId('a')).toBeUndefined();
    list.append([{ id: 'c', name: 'dup' }, { id: 'd', name: 'D' }], null);
    expect(list.state.records.value.map((r) => r.id)).toEqual(['c', 'b', 'd']);
  });

  it('raises the flag while a call runs and keeps its failure as an ApiError', async () => {
    const list = useRecords<{ id: string }>();
    let seen = false;
    await list.track('isFetching', async () => {
      seen = list.state.uiFlags.isFetching;
    });
    expect(seen).toBe(true);
    expect(list.state.uiFlags.isFetching).toBe(false);

    const failure = new ApiError(409, { title: 'Conflict.', status: 409 }, 'x');
    await expect(list.track('isDeleting', () => Promise.reject(failure))).rejects.toBe(failure);
    expect(list.state.error.value?.status).toBe(409);
    expect(list.state.uiFlags.isDeleting).toBe(false);
  });
});
