using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Conversations;

/// <summary>
/// One workspace's canned responses: validated here, kept in cs_canned_responses, held in memory while active (a
/// workspace has at most <see cref="MaxPerWorkspace"/>).
/// </summary>
public sealed partial class CannedResponsesGrain(CannedResponseStore store, TimeProvider clock) : Grain, ICannedResponsesGrain
{
    public const int MaxPerWorkspace = 500;
    public const int MaxTextLength = SendRules.MaxTextLength;

    private List<CannedResponse>? _responses;

    private string WorkspaceId => this.GetPrimaryKeyString();

    public async Task<IReadOnlyList<CannedResponse>> ListAsync() => [.. await LoadAsync()];

    public async Task<CannedResponse?> GetAsync(string responseId) => (await LoadAsync()).Find(r => r.Id == responseId);

    public async Task<CannedResponse> CreateAsync(CannedResponseInput input)
    {
        var responses = await LoadAsync();
        if (responses.Count >= MaxPerWorkspace)
        {
            throw new ValidationFailedException("shortcut", $"A workspace has at most {MaxPerWorkspace} canned responses.");
        }

        Validate(input, partial: false);
        var shortcut = input.Shortcut!.Trim();
        EnsureFree(responses, shortcut, null);
        var now = StoredNow();
        var created = new CannedResponse
        {
            Id = Ids.New("canned"), Shortcut = shortcut, Title = input.Title!.Trim(), Text = input.Text!.Trim(), CreatedAt = now, UpdatedAt = now,
        };
        await store.SaveAsync(WorkspaceId, created);
        responses.Add(created);
        return created;
    }

    public async Task<CannedResponse> UpdateAsync(string responseId, CannedResponseInput input)
    {
        var responses = await LoadAsync();
        var index = responses.FindIndex(r => r.Id == responseId);
        if (index < 0)
        {
            throw new NotFoundException("Canned response", responseId.Length > 64 ? responseId[..64] : responseId);
        }

        Validate(input, partial: true);
        var current = responses[index];
        var shortcut = input.Shortcut?.Trim() ?? current.Shortcut;
        EnsureFree(responses, shortcut, responseId);
        var updated = current with
        {
            Shortcut = shortcut, Title = input.Title?.Trim() ?? current.Title, Text = input.Text?.Trim() ?? current.Text, UpdatedAt = StoredNow(),
        };
        await store.SaveAsync(WorkspaceId, updated);
        responses[index] = updated;
        return updated;
    }

    public async Task<bool> DeleteAsync(string responseId)
    {
        var responses = await LoadAsync();
        var deleted = await store.DeleteAsync(WorkspaceId, responseId);
        responses.RemoveAll(r => r.Id == responseId);
        return deleted;
    }

    public async Task<string> RenderAsync(string responseId, string conversationId, AgentRef agent)
    {
        var response = await GetAsync(responseId) ?? throw new NotFoundException("Canned response", responseId.Length > 64 ? responseId[..64] : responseId);
        var conversation = GrainFactory.GetGrain<IConversationGrain>(conversationId);
        var info = await conversation.GetAsync();
        if (info is null || info.WorkspaceId != WorkspaceId)
        {
            throw new NotFoundException("Conversation", conversationId.Length > 64 ? conversationId[..64] : conversationId);
        }

        var visitor = await conversation.GetVisitorAsync();
        var bot = await GrainFactory.GetGrain<GrainInterfaces.Chatbots.IChatbotGrain>(info.BotId).GetAsync();
        return CannedResponseRenderer.Render(response.Text, new Dictionary<string, string?>
        {
            ["visitor.name"] = visitor?.Name,
            ["visitor.email"] = visitor?.Email,
            ["agent.name"] = agent.Name,
            ["bot.name"] = bot?.Settings.Name,
        });
    }

    private async Task<List<CannedResponse>> LoadAsync() => _responses ??= [.. await store.ListAsync(WorkspaceId, MaxPerWorkspace)];

    private static void EnsureFree(List<CannedResponse> responses, string shortcut, string? except)
    {
        if (responses.Any(r => r.Id != except && string.Equals(r.Shortcut, shortcut, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ConflictException($"The shortcut '{shortcut}' is taken.");
        }
    }

    private static void Validate(CannedResponseInput input, bool partial)
    {
        var errors = new Dictionary<string, string[]>();
        if (input.Shortcut is not null || !partial)
        {
            if (input.Shortcut?.Trim() is not { Length: > 0 and <= 64 } shortcut || !ShortcutPattern().IsMatch(shortcut))
            {
                errors["shortcut"] = ["Must be 1 to 64 letters, digits, '_', '-' or '.'."];
            }
        }

        if ((input.Title is not null || !partial) && input.Title?.Trim() is not { Length: > 0 and <= 200 })
        {
            errors["title"] = ["Must be 1 to 200 characters."];
        }

        if ((input.Text is not null || !partial) && input.Text?.Trim() is not { Length: > 0 and <= MaxTextLength })
        {
            errors["text"] = [$"Must be 1 to {MaxTextLength} characters."];
        }

        if (!errors.ContainsKey("title") && input.Title is not null && ControlCharacters.Contains(input.Title))
        {
            errors["title"] = [ControlCharacters.Problem];
        }

        if (!errors.ContainsKey("text") && input.Text is not null && ControlCharacters.Contains(input.Text))
        {
            errors["text"] = [ControlCharacters.Problem];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private DateTimeOffset StoredNow() => DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex ShortcutPattern();
}
