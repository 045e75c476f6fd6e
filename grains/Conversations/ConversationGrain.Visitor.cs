using System.Net.Mail;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Conversations;

/// <summary>The widget's additions to a conversation: ratings of replies, a verified user, the lead form.</summary>
public sealed partial class ConversationGrain
{
    private const int MaxProfileText = 200;
    private VisitorProfile? _visitor;
    private bool _visitorLoaded;

    // Resolved here rather than in the primary constructor so these additions stay in this file.
    private VisitorStore Visitors => ServiceProvider.GetRequiredService<VisitorStore>();

    public async Task<ConversationMessage> RateAsync(string messageId, MessageRating? rating)
    {
        _ = _info ?? throw new NotFoundException("Conversation", ConversationId);
        if (rating is { } r && !Enum.IsDefined(r))
        {
            throw new ValidationFailedException("rating", "Must be 'up', 'down' or null.");
        }

        var message = _tail.Find(m => m.Id == messageId) ?? await FindMessageAsync(messageId)
            ?? throw new NotFoundException("Message", messageId.Length > 64 ? messageId[..64] : messageId);
        if (message.Role != MessageRole.Assistant)
        {
            throw new ValidationFailedException("messageId", "Only replies can be rated.");
        }

        await Visitors.SetRatingAsync(ConversationId, message, rating);
        var rated = message with { Feedback = rating };
        var index = _tail.FindIndex(m => m.Seq == message.Seq);
        if (index >= 0)
        {
            _tail[index] = rated;
        }

        await AfterRatingAsync(rating);
        return rated;
    }

    public async Task<VisitorProfile> IdentifyAsync(VerifiedUser user)
    {
        _ = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(user.UserId) || user.UserId.Length > MaxProfileText)
        {
            errors["id"] = [$"Must be 1 to {MaxProfileText} characters."];
        }

        if (user.Name is { Length: > MaxProfileText })
        {
            errors["name"] = [$"Must be at most {MaxProfileText} characters."];
        }

        if (user.Email is { Length: > 0 } email && !IsEmail(email))
        {
            errors["email"] = ["Must be an email address."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var current = await LoadVisitorAsync() ?? new VisitorProfile();
        var userId = user.UserId.Trim();
        // Details kept from before stay verified only when nothing about the user changed.
        var unchanged = current.UserId == userId && string.IsNullOrWhiteSpace(user.Name) && string.IsNullOrWhiteSpace(user.Email);
        return await SaveVisitorAsync(current with
        {
            UserId = userId,
            // Signed details are stored exactly as signed (an empty field clears the old value).
            Name = string.IsNullOrWhiteSpace(user.Name) ? (user.DetailsVerified ? null : current.Name) : user.Name.Trim(),
            Email = string.IsNullOrWhiteSpace(user.Email) ? (user.DetailsVerified ? null : current.Email) : user.Email.Trim(),
            Verified = true,
            DetailsVerified = user.DetailsVerified || (unchanged && current.DetailsVerified),
        });
    }

    public async Task<VisitorProfile> SubmitLeadAsync(IReadOnlyDictionary<string, string> fields)
    {
        var info = _info ?? throw new NotFoundException("Conversation", ConversationId);
        var bot = await GrainFactory.GetGrain<IChatbotGrain>(info.BotId).GetAsync() ?? throw new NotFoundException("Chatbot", info.BotId);
        var form = bot.Settings.LeadCapture ?? new LeadCaptureSettings();
        if (!form.Enabled)
        {
            throw new ValidationFailedException("leadCapture", "This chatbot has no lead form.");
        }

        var errors = new Dictionary<string, string[]>();
        var answers = new Dictionary<string, string>();
        foreach (var (field, value) in fields ?? new Dictionary<string, string>())
        {
            if (!form.Fields.Contains(field))
            {
                errors[field] = ["Is not a field of this chatbot's form."];
            }
        }

        foreach (var field in form.Fields)
        {
            var value = fields?.GetValueOrDefault(field)?.Trim() ?? "";
            if (value.Length == 0)
            {
                errors[field] = ["Is required."];
            }
            else if (value.Length > MaxProfileText)
            {
                errors[field] = [$"Must be at most {MaxProfileText} characters."];
            }
            else if (GrainInterfaces.ControlCharacters.Contains(value))
            {
                errors[field] = [GrainInterfaces.ControlCharacters.Problem];
            }
            else if (field == "email" && !IsEmail(value))
            {
                errors[field] = ["Must be an email address."];
            }
            else
            {
                answers[field] = value;
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var current = await LoadVisitorAsync() ?? new VisitorProfile();
        return await SaveVisitorAsync(current with
        {
            Lead = answers,
            Name = current.Name ?? answers.GetValueOrDefault("name"),
            Email = current.Email ?? answers.GetValueOrDefault("email"),
        });
    }

    public Task<VisitorProfile?> GetVisitorAsync() => LoadVisitorAsync();

    /// <summary>Adds the visitor's ratings to a page of messages.</summary>
    private async Task<MessagePage> WithRatingsAsync(MessagePage page)
    {
        if (page.Items.Count == 0)
        {
            return page;
        }

        var ratings = await Visitors.ReadRatingsAsync(ConversationId, page.Items[0].Seq, page.Items[^1].Seq);
        return ratings.Count == 0
            ? page
            : page with { Items = page.Items.Select(m => ratings.TryGetValue(m.Seq, out var r) ? m with { Feedback = r } : m).ToArray() };
    }

    private async Task<ConversationMessage?> FindMessageAsync(string messageId)
    {
        // Replies older than the tail: page through the log (conversations are short, and rating is rare).
        long after = 0;
        while (true)
        {
            var page = await store.ReadMessagesAsync(ConversationId, after, 500);
            if (page.FirstOrDefault(m => m.Id == messageId) is { } found)
            {
                return found;
            }

            if (page.Count < 500)
            {
                return null;
            }

            after = page[^1].Seq;
        }
    }

    private async Task<VisitorProfile?> LoadVisitorAsync()
    {
        _ = _info ?? throw new NotFoundException("Conversation", ConversationId);
        if (!_visitorLoaded)
        {
            _visitor = await Visitors.GetProfileAsync(ConversationId);
            _visitorLoaded = true;
        }

        return _visitor;
    }

    private async Task<VisitorProfile> SaveVisitorAsync(VisitorProfile profile)
    {
        profile = profile with { UpdatedAt = StoredNow() };
        await Visitors.SaveProfileAsync(ConversationId, profile);
        _visitor = profile;
        return profile;
    }

    private static bool IsEmail(string value) =>
        value.Length <= MaxProfileText && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
