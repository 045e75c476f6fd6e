using System.Runtime;

namespace ChatSphere.Bench.Load;

/// <summary>
/// Keeps the load generator's own garbage collections out of the measured latencies: the garbage of setting up
/// (opening hundreds of connections) is collected before a phase starts, and during the phases the client's GC avoids
/// blocking full collections.
/// </summary>
public static class ClientGc
{
    public static void UseLowLatencyMode() => GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;

    public static void CollectSetUpGarbage()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
