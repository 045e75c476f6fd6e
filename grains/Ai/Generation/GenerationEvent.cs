using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai.Prompting;

namespace ChatSphere.Grains.Ai.Generation;

/// <summary>What the generator reports while it works: text as it comes, then one <see cref="GenerationFinished"/>.</summary>
public abstract record GenerationEvent;

/// <summary>The model is about to be called with the assembled prompt (the platform's own work is done).</summary>
public sealed record GenerationStarting(string Model, PromptPlan Plan) : GenerationEvent;

/// <summary>A piece of the reply's text, as the model streamed it.</summary>
public sealed record GenerationToken(string Text) : GenerationEvent;

/// <summary>The reply is over: how it ended, with its model and token counts.</summary>
public sealed record GenerationFinished(GenerationOutcome Outcome) : GenerationEvent;

/// <summary>How a reply ended.</summary>
public enum GenerationEnd
{
    /// <summary>The model finished.</summary>
    Stop,

    /// <summary>Cut at the bot's (or caller's) max output tokens.</summary>
    Length,

    /// <summary>The stream broke after text had been sent: the reply is kept but marked interrupted.</summary>
    Broken,

    /// <summary>Every model of the chain failed before its first token: the reply is an apology.</summary>
    Apology,

    /// <summary>The model began to repeat the bot's instructions: the reply was cut there and says it cannot share that.</summary>
    Withheld,
}

/// <summary>
/// The reply's accounting: which model answered (null for an apology), tokens in and out (as the provider reported
/// them, else counted), the hits the model named, the models that failed before it, and the prompt plan.
/// <see cref="Hits"/> is the retrieved knowledge the reply was generated from (best first), kept with its usage.
/// </summary>
public sealed record GenerationOutcome(
    GenerationEnd End,
    string? Model,
    int PromptTokens,
    int CompletionTokens,
    IReadOnlyList<int> NamedCitations,
    IReadOnlyList<FailedAttempt> Failures,
    PromptPlan Plan)
{
    public bool Interrupted => End == GenerationEnd.Broken;

    public IReadOnlyList<KnowledgeHit> Hits { get; init; } = [];
}

/// <summary>A model of the chain that gave no answer, and why (no secrets: type and status only).</summary>
public sealed record FailedAttempt(string Model, string Error);
