using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Api.Realtime;

/// <summary>A <c>sourceUpdated</c> event: the source as it now stands (content left out), or gone when <see cref="Deleted"/>.</summary>
public sealed record SourceUpdate(KnowledgeSource Source, bool Deleted);
