namespace ChatSphere.Testing;

/// <summary>The test Redis server (<see cref="TestEnvironment.RedisVariable"/>), shared by all tests.</summary>
public static class TestRedis
{
    /// <summary><c>host:port</c>, usable as a StackExchange.Redis configuration string.</summary>
    public static string ConnectionString => TestEnvironment.Require(TestEnvironment.RedisVariable);

    /// <summary>A prefix no other test uses, for keys and channels (tests share one Redis server).</summary>
    public static string UniquePrefix() => "cs-test-" + Guid.NewGuid().ToString("N")[..12] + ":";
}
