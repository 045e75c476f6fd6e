namespace ChatSphere.GrainInterfaces.Billing;

/// <summary>What a plan limits (camelCase on the wire).</summary>
public enum QuotaKind : byte
{
    Chatbots = 1,
    /// <summary>Visitor messages in the current calendar month (UTC).</summary>
    MessagesPerMonth = 2,
    /// <summary>Characters of training content over all of the workspace's chatbots.</summary>
    KnowledgeCharacters = 3,
    /// <summary>Training sources over all of the workspace's chatbots.</summary>
    Sources = 4,
    /// <summary>Members of the workspace, the owner included.</summary>
    Seats = 5,
}
