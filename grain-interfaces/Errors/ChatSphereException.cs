namespace ChatSphere.GrainInterfaces.Errors;

/// <summary>Base of the errors grains raise on purpose; the API maps each to a ProblemDetails status.</summary>
[GenerateSerializer, Alias("ChatSphere.ChatSphereException")]
public abstract class ChatSphereException : Exception
{
    protected ChatSphereException(string message) : base(message) { }
}

/// <summary>Input failed validation; <see cref="Errors"/> maps each field at fault to its messages.</summary>
[GenerateSerializer, Alias("ChatSphere.ValidationFailedException")]
public sealed class ValidationFailedException : ChatSphereException
{
    public ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid: " + string.Join(", ", errors.Keys)) => Errors = errors;

    public ValidationFailedException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    [Id(0)] public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>The addressed resource does not exist.</summary>
[GenerateSerializer, Alias("ChatSphere.NotFoundException")]
public sealed class NotFoundException(string resource, string id)
    : ChatSphereException($"{resource} '{id}' was not found.")
{
    [Id(0)] public string Resource { get; } = resource;
    [Id(1)] public string ResourceId { get; } = id;
}

/// <summary>The request conflicts with the resource's current state.</summary>
[GenerateSerializer, Alias("ChatSphere.ConflictException")]
public sealed class ConflictException(string message) : ChatSphereException(message);

/// <summary>The caller is known but may not do this (403).</summary>
[GenerateSerializer, Alias("ChatSphere.ForbiddenException")]
public sealed class ForbiddenException(string message) : ChatSphereException(message);

/// <summary>A service the request depends on (an embeddings endpoint, a model provider) failed; trying later may work (503).</summary>
[GenerateSerializer, Alias("ChatSphere.ServiceUnavailableException")]
public sealed class ServiceUnavailableException(string message) : ChatSphereException(message);
