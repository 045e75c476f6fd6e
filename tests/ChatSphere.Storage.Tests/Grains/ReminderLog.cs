using System.Collections.Concurrent;
using ChatSphere.Testing;

namespace ChatSphere.Storage.Tests.Grains;

/// <summary>Reminder ticks seen by the probe grains of this test process, with the silo that ran each one.</summary>
public static class ReminderLog
{
    private static readonly ConcurrentQueue<ReminderTick> Ticks = new();

    public static void Record(string grainKey, string reminderName, SiloAddress silo) =>
        Ticks.Enqueue(new ReminderTick(grainKey, reminderName, silo, DateTime.UtcNow));

    /// <summary>Waits for a tick that matches, polling; null when none came in time.</summary>
    public static async Task<ReminderTick?> WaitForAsync(Func<ReminderTick, bool> match, TimeSpan timeout)
    {
        try
        {
            return await Eventually.ReturnsAsync(() => Task.FromResult(Ticks.FirstOrDefault(match)), tick => tick is not null, "a matching reminder tick", timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}

public sealed record ReminderTick(string GrainKey, string ReminderName, SiloAddress Silo, DateTime At);
