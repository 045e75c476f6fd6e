namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>An uploaded document to train on.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.NewFile")]
public sealed record NewFile
{
    [Id(0)] public required string FileName { get; init; }
    [Id(1)] public string? ContentType { get; init; }
    [Id(2)] public required byte[] Content { get; init; }
    /// <summary>Defaults to the file name.</summary>
    [Id(3)] public string? Title { get; init; }
    [Id(4)] public int? SyncIntervalMinutes { get; init; }
}

/// <summary>One pair of a bulk Q&amp;A import.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.QaPair")]
public sealed record QaPair(
    [property: Id(0)] string? Question,
    [property: Id(1)] string? Answer);
