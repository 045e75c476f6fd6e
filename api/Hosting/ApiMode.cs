namespace ChatSphere.Api.Hosting;

/// <summary><c>ChatSphere:Api:Mode</c>: whether the API process also runs a silo.</summary>
public enum ApiMode
{
    /// <summary>The default: the API process co-hosts a silo.</summary>
    Cohosted,
    /// <summary>The API process is an Orleans client of dedicated silos.</summary>
    Client,
}
