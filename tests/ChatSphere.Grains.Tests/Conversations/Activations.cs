namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>Ends grain activations the way the runtime does when they sit idle, so the next call activates afresh.</summary>
public static class Activations
{
    /// <summary>Deactivates every idle activation of the cluster and checks that <paramref name="grain"/> is among them.</summary>
    public static async Task CollectIdleAsync(IGrainFactory grains, IAddressable grain)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        var id = grain.GetGrainId();
        var active = await management.GetDetailedGrainStatistics();
        Assert.DoesNotContain(active, s => s.GrainId == id);
    }
}
