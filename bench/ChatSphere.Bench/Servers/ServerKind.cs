namespace ChatSphere.Bench.Servers;

/// <summary>The two servers the bench compares.</summary>
public enum ServerKind
{
    /// <summary>ChatSphere embedded (co-hosted silo, SQLite durable storage, the instant model).</summary>
    ChatSphere,

    /// <summary>A bare SignalR hub streaming the same reply with no Orleans and no storage.</summary>
    Bare,
}

public static class ServerKindNames
{
    public static string Display(this ServerKind kind) => kind == ServerKind.ChatSphere ? "ChatSphere" : "bare hub";
}
