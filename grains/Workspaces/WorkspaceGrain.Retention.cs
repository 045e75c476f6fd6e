using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Privacy;
using ChatSphere.GrainInterfaces.Workspaces;
using ChatSphere.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Workspaces;

/// <summary>How long the workspace keeps conversations; its privacy grain's reminder deletes older ones.</summary>
public sealed partial class WorkspaceGrain
{
    /// <summary>The workspace's own choice once made, else the deployment's default (<see cref="PrivacyOptions.DefaultRetentionDays"/>).</summary>
    private int? RetentionDays => state.State.RetentionSet
        ? state.State.RetentionDays
        : ServiceProvider.GetRequiredService<IOptions<PrivacyOptions>>().Value.DefaultRetentionDays;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Workspaces made before retention existed, or before the deployment's default changed, catch up here.
        if (state.State.OwnerId is not null && state.State.ScheduledRetentionDays != RetentionDays)
        {
            await ScheduleRetentionAsync();
        }
    }

    public async Task<WorkspaceInfo> SetRetentionAsync(int? days)
    {
        EnsureExists();
        if (!RetentionRules.IsValid(days))
        {
            throw new ValidationFailedException("conversationRetentionDays",
                $"Must be a whole number of days from {RetentionRules.MinDays} to {RetentionRules.MaxDays}, or null to keep conversations.");
        }

        state.State.RetentionSet = true;
        state.State.RetentionDays = days;
        await state.WriteStateAsync();
        await ScheduleRetentionAsync();
        return Info();
    }

    /// <summary>Starts or stops the privacy grain's reminder to match the retention, and remembers that it did.</summary>
    private async Task ScheduleRetentionAsync()
    {
        var days = state.State.OwnerId is null ? null : RetentionDays;
        await GrainFactory.GetGrain<IWorkspacePrivacyGrain>(WorkspaceId).ScheduleRetentionAsync(days);
        if (state.State.ScheduledRetentionDays != days)
        {
            state.State.ScheduledRetentionDays = days;
            await state.WriteStateAsync();
        }
    }
}
