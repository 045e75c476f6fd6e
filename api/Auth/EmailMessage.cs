namespace ChatSphere.Api.Auth;

/// <summary>An account email: who to, what about, its text and the one link it carries.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Link, string Purpose);
