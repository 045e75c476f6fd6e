namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>Receives every status change of a chatbot's sources (dashboards watch them live).</summary>
[Alias("ChatSphere.IKnowledgeObserver")]
public interface IKnowledgeObserver : IGrainObserver
{
    /// <summary>A source changed (its content fields are left out); <paramref name="deleted"/> when it is gone.</summary>
    [Alias("OnSourceUpdated")]
    Task OnSourceUpdatedAsync(KnowledgeSource source, bool deleted);
}
