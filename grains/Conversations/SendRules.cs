using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Conversations;

/// <summary>What a message sent into a conversation must be: its text and client id checked, each fault named by its field.</summary>
public static class SendRules
{
    public const int MaxTextLength = 4000;
    public const int MaxClientMessageIdLength = 128;

    /// <summary>The visitor's message text, trimmed; throws <see cref="ValidationFailedException"/> naming each bad field.</summary>
    public static string Validate(SendMessage message)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ClientMessageIdOk(message.ClientMessageId))
        {
            errors["clientMessageId"] = [$"Must be 1 to {MaxClientMessageIdLength} printable characters."];
        }

        var text = Text(message.Text, errors);
        return errors.Count > 0 ? throw new ValidationFailedException(errors) : text;
    }

    /// <summary>An optional client id: null, or 1 to <see cref="MaxClientMessageIdLength"/> printable characters.</summary>
    public static bool ClientMessageIdOk(string? clientMessageId) =>
        !string.IsNullOrWhiteSpace(clientMessageId) && clientMessageId.Length <= MaxClientMessageIdLength && !clientMessageId.Any(char.IsControl);

    /// <summary>The trimmed text, or an entry in <paramref name="errors"/> under "text".</summary>
    public static string Text(string? text, Dictionary<string, string[]> errors)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors["text"] = ["Is required."];
        }
        else if (text!.Length > MaxTextLength)
        {
            errors["text"] = [$"Must be at most {MaxTextLength} characters."];
        }

        return trimmed;
    }
}
