namespace ChatSphere.Testing;

/// <summary>
/// The one way tests wait for what a system does some time later (an index built, a counter flushed, a bucket
/// refilled): poll, and when the time is up fail with a <see cref="TimeoutException"/> that says what was awaited and
/// what was seen last.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts unless the call says otherwise.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads until <paramref name="done"/> holds for what <paramref name="read"/> returns, and returns that. Exceptions
    /// <paramref name="retryOn"/> accepts count as "not yet" (the last one becomes the timeout's inner exception);
    /// others end the wait at once.
    /// </summary>
    /// <param name="read">Reads the current value.</param>
    /// <param name="done">Whether the value is the awaited one.</param>
    /// <param name="what">What is awaited, for the timeout's message ("source src_1 indexed").</param>
    /// <param name="timeout">How long to wait (<see cref="DefaultTimeout"/> when null).</param>
    /// <param name="interval">The pause between reads (100 ms when null).</param>
    /// <param name="retryOn">Which exceptions of <paramref name="read"/> mean "not yet" (none when null).</param>
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T>> read,
        Func<T, bool> done,
        string what,
        TimeSpan? timeout = null,
        TimeSpan? interval = null,
        Func<Exception, bool>? retryOn = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        var seen = "nothing yet";
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await read();
                if (done(value))
                {
                    return value;
                }

                seen = Describe(value);
            }
            catch (Exception e) when (retryOn?.Invoke(e) == true)
            {
                last = e;
                seen = $"{e.GetType().Name}: {e.Message}";
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0.#} s for {what}; last seen: {seen}", last);
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> is true; see <see cref="ReturnsAsync{T}"/>.</summary>
    public static Task HoldsAsync(
        Func<Task<bool>> condition,
        string what,
        TimeSpan? timeout = null,
        TimeSpan? interval = null,
        Func<Exception, bool>? retryOn = null) =>
        ReturnsAsync(condition, held => held, what, timeout, interval, retryOn);

    /// <summary>Polls until <paramref name="condition"/> is true (a condition read from memory).</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), held => held, what, timeout, interval);

    private static string Describe<T>(T value)
    {
        var text = value switch
        {
            null => "null",
            bool held => held ? "true" : "false",
            System.Collections.ICollection items => $"{items.Count} item(s)",
            _ => value.ToString() ?? "",
        };
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
