namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// A partial update of <see cref="AnswerSettings"/> (the <c>answer</c> member of a chatbot's create and update bodies):
/// null members are left as they are.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AnswerPatch")]
public sealed record AnswerPatch
{
    [Id(0)] public string? Model { get; init; }
    [Id(1)] public double? MinScore { get; init; }
    [Id(2)] public int? MaxAnswerWords { get; init; }
    [Id(3)] public double? Temperature { get; init; }
    [Id(4)] public int? MaxOutputTokens { get; init; }
    [Id(5)] public int? ContextTokens { get; init; }
    [Id(6)] public IReadOnlyList<string>? FallbackModels { get; init; }
    [Id(7)] public bool? StrictMode { get; init; }
    [Id(8)] public bool? RefuseOffTopic { get; init; }

    /// <summary>The settings with this patch's members in place of theirs.</summary>
    public AnswerSettings ApplyTo(AnswerSettings? current)
    {
        current ??= new AnswerSettings();
        return current with
        {
            Model = Model ?? current.Model,
            MinScore = MinScore ?? current.MinScore,
            MaxAnswerWords = MaxAnswerWords ?? current.MaxAnswerWords,
            Temperature = Temperature ?? current.Temperature,
            MaxOutputTokens = MaxOutputTokens ?? current.MaxOutputTokens,
            ContextTokens = ContextTokens ?? current.ContextTokens,
            FallbackModels = FallbackModels ?? current.FallbackModels,
            StrictMode = StrictMode ?? current.StrictMode,
            RefuseOffTopic = RefuseOffTopic ?? current.RefuseOffTopic,
        };
    }
}
