namespace ChatSphere.Grains.Ai;

/// <summary>An answer model a chatbot can be set to use.</summary>
public sealed record ChatModelInfo(string Id, string Provider, string Description);
