namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>What a chatbot says and how it answers. Validated by the chatbot grain.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChatbotSettings")]
public sealed record ChatbotSettings
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? Description { get; init; }
    /// <summary>Persona / system prompt given to the answer model.</summary>
    [Id(2)] public string SystemPrompt { get; init; } = "";
    [Id(3)] public string WelcomeMessage { get; init; } = "Hi! How can I help you today?";
    [Id(4)] public IReadOnlyList<string> SuggestedQuestions { get; init; } = [];
    /// <summary>Said when the knowledge does not support an answer.</summary>
    [Id(5)] public string FallbackMessage { get; init; } = "Sorry, I don't know the answer to that yet.";
    /// <summary>BCP 47 language tag, for example <c>en</c> or <c>de-CH</c>.</summary>
    [Id(6)] public string Language { get; init; } = "en";
    [Id(7)] public AnswerSettings Answer { get; init; } = new();
    /// <summary>The chat widget's look and behaviour.</summary>
    [Id(8)] public WidgetAppearance Widget { get; init; } = new();
    /// <summary>Sites that may embed the widget: <c>example.com</c>, <c>*.example.com</c> (subdomains only),
    /// <c>https://shop.example.com:8443</c>. Empty: any site.</summary>
    [Id(9)] public IReadOnlyList<string> AllowedDomains { get; init; } = [];
    /// <summary>The secret that signs visitor identities (HMAC-SHA256 of the user id), protected by the API's
    /// Data Protection key ring; never shown. Null: identity verification is off.</summary>
    [Id(10)] public string? IdentitySecret { get; init; }
    [Id(11)] public LeadCaptureSettings LeadCapture { get; init; } = new();
    [Id(13)] public KnowledgeSettings Knowledge { get; init; } = new();
    [Id(14)] public LiveChatSettings LiveChat { get; init; } = new();
}

/// <summary>How replies are produced.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.AnswerSettings")]
public sealed record AnswerSettings
{
    /// <summary>Id of the answer model in the deployment's catalogue (<c>embedded</c> by default).</summary>
    [Id(0)] public string Model { get; init; } = "embedded";
    /// <summary>
    /// Relevance score (hybrid retrieval's, 0 to 1) the best knowledge hit needs: below it the bot gives its fallback
    /// message. The default is the embedded answerer's threshold tuned on the SQuAD tune set.
    /// </summary>
    [Id(1)] public double MinScore { get; init; } = 0.3;
    /// <summary>Upper bound on the length of a composed reply, in words (citation markers not counted).</summary>
    [Id(2)] public int MaxAnswerWords { get; init; } = 40;
    [Id(3)] public double Temperature { get; init; } = 0.2;
    [Id(4)] public int MaxOutputTokens { get; init; } = 512;
    /// <summary>The most tokens a prompt may take (persona, guardrails, knowledge, summary, history, question).</summary>
    [Id(5)] public int ContextTokens { get; init; } = 4096;
    /// <summary>Models tried in order when the model fails before its first token; the embedded answerer comes last always.</summary>
    [Id(6)] public IReadOnlyList<string> FallbackModels { get; init; } = [];
    /// <summary>
    /// Answer only from the bot's knowledge: with no hit at <see cref="MinScore"/> the fallback message is the reply and
    /// no model is asked. (The embedded answerer is strict whatever this says.)
    /// </summary>
    [Id(7)] public bool StrictMode { get; init; }
    /// <summary>Decline requests that have nothing to do with the bot's subject (its name and description).</summary>
    [Id(8)] public bool RefuseOffTopic { get; init; } = true;
}
