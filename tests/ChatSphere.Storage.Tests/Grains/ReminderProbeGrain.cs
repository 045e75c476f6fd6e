namespace ChatSphere.Storage.Tests.Grains;

/// <summary>A grain that registers a reminder and reports every tick to <see cref="ReminderLog"/>.</summary>
[Alias("ChatSphere.Storage.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("Start")]
    Task StartAsync(TimeSpan dueTime, TimeSpan period);

    [Alias("Stop")]
    Task StopAsync();
}

public sealed class ReminderProbeGrain(ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task StartAsync(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task StopAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderLog.Record(this.GetPrimaryKeyString(), reminderName, silo.SiloAddress);
        return Task.CompletedTask;
    }
}
