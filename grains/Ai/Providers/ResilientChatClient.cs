using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;

namespace ChatSphere.Grains.Ai.Providers;

/// <summary>
/// A provider's chat client behind its resilience pipeline. Opening a stream (up to its first update) is one
/// attempt: it is retried and counted by the circuit breaker, and bounded by the first-token timeout. Once tokens
/// flow, a failure is not retried (the visitor has seen them); a stream silent for longer than the idle timeout
/// fails with <see cref="TimeoutException"/>. Every outcome is recorded in the provider's <see cref="ProviderHealth"/>.
/// </summary>
internal sealed class ResilientChatClient(IChatClient inner, ResiliencePipeline pipeline, ProviderHealth health, TimeSpan firstTokenTimeout, TimeSpan idleTimeout)
    : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prompt = messages as IReadOnlyList<ChatMessage> ?? messages.ToArray();
        OpenStream? stream;
        try
        {
            stream = await pipeline.ExecuteAsync(
                static async (state, _) => await state.Self.OpenAsync(state.Prompt, state.Options, state.Cancellation),
                (Self: this, Prompt: prompt, Options: options, Cancellation: cancellationToken),
                cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            health.Failed(exception);
            throw;
        }

        await using (stream)
        {
            if (stream.First is null)
            {
                health.Succeeded();
                yield break;
            }

            yield return stream.First;
            while (true)
            {
                ChatResponseUpdate? next;
                try
                {
                    next = await stream.NextAsync(idleTimeout, cancellationToken);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    health.Failed(exception);
                    throw;
                }

                if (next is null)
                {
                    break;
                }

                yield return next;
            }
        }

        health.Succeeded();
    }

    private async Task<OpenStream> OpenAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var enumerator = base.GetStreamingResponseAsync(messages, options, attempt.Token).GetAsyncEnumerator(attempt.Token);
        var stream = new OpenStream(enumerator, attempt);
        try
        {
            stream.First = await stream.NextAsync(firstTokenTimeout, cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>An opened reply stream, its first update read, and the token that bounds each wait on it.</summary>
    private sealed class OpenStream(IAsyncEnumerator<ChatResponseUpdate> enumerator, CancellationTokenSource attempt) : IAsyncDisposable
    {
        public ChatResponseUpdate? First { get; set; }

        /// <summary>The next update, null at the end; a wait longer than <paramref name="limit"/> fails with <see cref="TimeoutException"/>.</summary>
        public async Task<ChatResponseUpdate?> NextAsync(TimeSpan limit, CancellationToken caller)
        {
            attempt.CancelAfter(limit);
            try
            {
                return await enumerator.MoveNextAsync() ? enumerator.Current : null;
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
                throw new TimeoutException($"The model sent nothing for {limit.TotalSeconds:0.#} s.");
            }
            finally
            {
                if (!attempt.IsCancellationRequested)
                {
                    attempt.CancelAfter(Timeout.InfiniteTimeSpan);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await enumerator.DisposeAsync();
            }
            catch (Exception) when (attempt.IsCancellationRequested)
            {
                // Disposing a stream cut by its timeout may throw again; the timeout was already reported.
            }

            attempt.Dispose();
        }
    }
}
