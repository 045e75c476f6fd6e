namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>Waits for a condition of a distributed system that becomes true some time later.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls until the condition holds; exceptions while polling count as "not yet". Fails with the last
    /// exception (if any) when the time is up.
    /// </summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception e)
            {
                last = e;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Not within {timeout}: {what}", last);
    }
}
