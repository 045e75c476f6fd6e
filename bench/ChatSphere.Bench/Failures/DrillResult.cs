using System.Globalization;

namespace ChatSphere.Bench.Failures;

/// <summary>One fault: how long it lasted, the traffic while it lasted and until recovery, and the time to recover (null: not within the limit).</summary>
public sealed record FaultResult(string Name, TimeSpan Duration, int Acknowledged, int Answered, TimeSpan? Recovery)
{
    public bool Recovered(TimeSpan limit) => Recovery is { } r && r <= limit;

    public string Describe()
    {
        var recovery = Recovery is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"every conversation answered again within {r.TotalSeconds:F1} s")
            : "NOT every conversation answered again";
        return string.Create(CultureInfo.InvariantCulture,
            $"lasted {Duration.TotalSeconds:F1} s; {Acknowledged} questions acknowledged and {Answered} replies finished until recovery; {recovery}");
    }
}

/// <summary>The transcripts against what visitors were promised.</summary>
public sealed record TranscriptResult(int Acknowledged, int Stored, int Lost, int DoubledQuestions, int DoubledReplies, int MissingReplies, IReadOnlyList<string> Problems)
{
    public bool Passed => Lost == 0 && DoubledQuestions == 0 && DoubledReplies == 0 && MissingReplies == 0;
}

public sealed record DrillResult(DrillSettings Settings, IReadOnlyList<FaultResult> Faults, TranscriptResult Transcripts, int Reconnects, IReadOnlyList<string> VisitorFailures, TimeSpan Elapsed)
{
    public bool Passed => Transcripts.Passed && Faults.All(f => f.Recovered(Settings.RecoveryLimit));
}
