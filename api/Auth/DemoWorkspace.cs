namespace ChatSphere.Api.Auth;

/// <summary>
/// The workspace of the embedded run's demo chatbot. It has no owner until the first account registered in that
/// run adopts it as their own workspace (instead of getting a new one), so a newcomer owns the demo bot at once.
/// </summary>
public sealed record DemoWorkspace(bool Adoptable)
{
    public const string Id = "ws_demo";
}
