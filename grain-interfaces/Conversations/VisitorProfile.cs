namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// Who the visitor of a conversation is, as far as the widget could tell: a customer's user attached by a
/// signed identity (<see cref="Verified"/>), and the answers of the bot's lead form.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.VisitorProfile")]
public sealed record VisitorProfile
{
    /// <summary>The customer's own user id, when the page signed it with the bot's identity secret.</summary>
    [Id(0)] public string? UserId { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? Email { get; init; }
    /// <summary>True when <see cref="UserId"/> came with a valid signature.</summary>
    [Id(3)] public bool Verified { get; init; }
    /// <summary>The lead form's answers by field (name, email, phone, company).</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> Lead { get; init; } = new Dictionary<string, string>();
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>True when <see cref="Name"/> and <see cref="Email"/> were signed together with the user id; otherwise they are
    /// what the page said, unverified.</summary>
    [Id(6)] public bool DetailsVerified { get; init; }
}

/// <summary>A visitor's rating of one reply.</summary>
public enum MessageRating : byte
{
    Up = 1,
    Down = 2,
}

/// <summary>Attaches a verified user to a conversation (the API checked the signature over the id, and over the name and
/// email too when <see cref="DetailsVerified"/>).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.VerifiedUser")]
public sealed record VerifiedUser
{
    [Id(0)] public required string UserId { get; init; }
    [Id(1)] public string? Name { get; init; }
    [Id(2)] public string? Email { get; init; }
    [Id(3)] public bool DetailsVerified { get; init; }
}
