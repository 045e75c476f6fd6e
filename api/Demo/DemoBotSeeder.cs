using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Api.Demo;

/// <summary>
/// On the first run of the embedded shape, creates a public demo chatbot that answers questions about
/// ChatSphere itself, so a newcomer can chat at once. Later runs find it and leave it alone.
/// </summary>
public sealed partial class DemoBotSeeder(IGrainFactory grains, ILogger<DemoBotSeeder> logger) : BackgroundService
{
    public const string BotId = "demo";

    private static readonly (string Question, string Answer)[] Faq =
    [
        ("What is ChatSphere?",
            "ChatSphere is an open platform for AI chatbots trained on your own content. You create a bot, teach it with text, Q&A pairs, documents or web sites, put it on your site with one script tag, and watch every conversation live."),
        ("How do I add the chat widget to my website?",
            "Add one script tag to your page: <script async src=\"https://your-chatsphere-host/widget.js\" data-bot-id=\"YOUR_BOT_ID\"></script>. The widget loads asynchronously and never slows your page."),
        ("How do I train my chatbot?",
            "Add training sources to the bot: Q&A pairs through POST /api/v1/chatbots/{botId}/sources with type 'qa'. Each source is indexed at once and the bot answers from it."),
        ("What happens when the bot does not know the answer?",
            "When nothing in its knowledge supports an answer, the bot replies with its fallback message instead of guessing. You choose that message in the bot's settings."),
        ("How does ChatSphere scale?",
            "Every chatbot and every live conversation is a Microsoft Orleans grain. Add silos to the cluster and conversations spread across them; any API node can serve any conversation."),
        ("Which databases does ChatSphere use?",
            "The embedded run keeps everything in a SQLite file in its data folder. A production cluster uses PostgreSQL for membership, grain state, reminders and the conversation log, and Redis for SignalR."),
        ("Can I use the API from my own code?",
            "Yes. Everything is a documented REST API under /api/v1, described at /openapi/v1.json with an interactive reference at /api/docs. Replies can stream as Server-Sent Events."),
        ("Does ChatSphere work offline?",
            "Yes. The embedded run answers with a built-in grounded answerer and an embedded sentence-embedding model, so it needs no cloud service."),
        ("Are replies streamed in real time?",
            "Yes. Replies stream word by word over SignalR to the widget and to everyone watching the conversation, and a client that reconnects resumes without losing or repeating a word."),
        ("Is ChatSphere open source?",
            "Yes. ChatSphere is open: you can run it yourself, read the code and change it."),
        ("How do I start ChatSphere locally?",
            "Run `dotnet run --project api`. It starts everything in one process with its data in ./data and prints the addresses of the API docs and the health check."),
        ("How much does ChatSphere cost?",
            "Running ChatSphere yourself is free. Hosted plans with higher limits on bots, messages and team seats are planned."),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var bot = grains.GetGrain<IChatbotGrain>(BotId);
            if (await bot.GetAsync() is not null)
            {
                return;
            }

            await bot.CreateAsync(Auth.DemoWorkspace.Id, new ChatbotSettings
            {
                Name = "ChatSphere Guide",
                Description = "Answers questions about ChatSphere itself.",
                SystemPrompt = "You are the ChatSphere guide. Answer questions about ChatSphere briefly and kindly.",
                WelcomeMessage = "Hi! I'm the ChatSphere guide. Ask me anything about ChatSphere.",
                SuggestedQuestions = ["What is ChatSphere?", "How do I add the chat widget to my website?", "How do I train my chatbot?"],
                FallbackMessage = "I'm not sure about that one. Try asking how ChatSphere works, how to train a bot or how to add the widget.",
            });
            var knowledge = grains.GetGrain<IKnowledgeGrain>(BotId);
            foreach (var (question, answer) in Faq)
            {
                await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer });
            }

            LogSeeded(BotId, Faq.Length);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            LogSeedFailed(exception, BotId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the demo chatbot {BotId} with {Count} Q&A sources")]
    private partial void LogSeeded(string botId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create the demo chatbot {BotId}")]
    private partial void LogSeedFailed(Exception exception, string botId);
}
