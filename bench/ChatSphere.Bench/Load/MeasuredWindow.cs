using System.Diagnostics;
using ChatSphere.Bench.Servers;

namespace ChatSphere.Bench.Load;

/// <summary>What the server, the load client and the whole machine spent during a phase's measured window.</summary>
public sealed record MeasuredWindow(ProcessSample ServerBefore, ProcessSample ServerAfter, TimeSpan ClientCpu, double MachineBusyCores)
{
    /// <summary>Samples at <paramref name="start"/> and <paramref name="end"/> (<see cref="Clock"/> timestamps), then waits for the phase's workers to stop.</summary>
    public static async Task<MeasuredWindow> MeasureAsync(
        ServerUnderTest server, Task[] workers, long start, long end, CancellationToken cancellationToken)
    {
        await Clock.DelayUntilAsync(start, cancellationToken);
        var serverBefore = server.Process.Sample();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var machineBefore = MachineCpu.Read();
        await Clock.DelayUntilAsync(end, cancellationToken);
        var serverAfter = server.Process.Sample();
        var clientAfter = Process.GetCurrentProcess().TotalProcessorTime;
        var machineAfter = MachineCpu.Read();
        await Task.WhenAll(workers);
        return new MeasuredWindow(serverBefore, serverAfter, clientAfter - clientBefore, MachineCpu.BusyCores(machineBefore, machineAfter));
    }
}
