using Orleans.Timers;

namespace ChatSphere.Grains.Billing;

/// <summary>Deleting a workspace deletes its billing state.</summary>
public sealed partial class WorkspaceBillingGrain
{
    public async Task DeleteAllAsync()
    {
        if (ServiceProvider.GetService(typeof(IReminderRegistry)) is not null && await this.GetReminder(MonthEndReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await statements.DeleteAllAsync(WorkspaceId);
        await state.ClearStateAsync();
        state.State = new WorkspaceBillingState();
        _outstanding.Clear();
        DeactivateOnIdle();
    }
}
