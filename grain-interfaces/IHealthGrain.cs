namespace ChatSphere.GrainInterfaces;

/// <summary>Readiness probe run inside a silo (key 0): proves a silo answers and reaches its database.</summary>
[Alias("ChatSphere.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Throws if the database cannot be reached.</summary>
    [Alias("CheckDatabase")]
    Task CheckDatabaseAsync();
}
