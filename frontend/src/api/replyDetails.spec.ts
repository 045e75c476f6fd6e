import { afterEach, describe, expect, it, vi } from 'vitest';
import { http } from './http';
import { ApiError } from './errors';
import { replyDetailsApi, replyDetailsWhenRecorded } from './replyDetails';

afterEach(() => vi.restoreAllMocks());

const details = { conversationId: 'c1', seq: 2, model: 'instant', promptTokens: 10, completionTokens: 5, latencyMs: 90, outcome: 'stop', hits: [] };
const notFound = () => Promise.reject(new ApiError(404, { status: 404, title: 'Not found' }, 'Not found'));

describe('reply details client', () => {
  it('addresses the reply by conversation and seq', async () => {
    const get = vi.spyOn(http, 'get').mockResolvedValue({ data: details } as never);
    await expect(replyDetailsApi.get('c/1', 2)).resolves.toEqual(details);
    expect(get).toHaveBeenCalledWith('/api/v1/conversations/c%2F1/messages/2/details');
  });

  it('asks again while the record is not committed (404), then answers it', async () => {
    const get = vi.spyOn(http, 'get').mockImplementationOnce(notFound).mockImplementationOnce(notFound)
      .mockResolvedValue({ data: details } as never);
    const sleep = vi.fn(() => Promise.resolve());
    await expect(replyDetailsWhenRecorded('c1', 2, { sleep })).resolves.toEqual(details);
    expect(get).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });

  it('gives up after the attempts, and at once on any other failure', async () => {
    const sleep = vi.fn(() => Promise.resolve());
    vi.spyOn(http, 'get').mockImplementation(notFound);
    await expect(replyDetailsWhenRecorded('c1', 2, { attempts: 3, sleep })).rejects.toMatchObject({ status: 404 });
    expect(sleep).toHaveBeenCalledTimes(2);

    vi.restoreAllMocks();
    const forbidden = vi.spyOn(http, 'get').mockRejectedValue(new ApiError(403, undefined, 'Forbidden'));
    await expect(replyDetailsWhenRecorded('c1', 2, { sleep })).rejects.toMatchObject({ status: 403 });
    expect(forbidden).toHaveBeenCalledTimes(1);
  });
});
