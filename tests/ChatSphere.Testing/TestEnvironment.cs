namespace ChatSphere.Testing;

/// <summary>The environment every test run shares (set by deploy/local/test.sh from deploy/local/services.sh).</summary>
public static class TestEnvironment
{
    /// <summary>Connection string of the test PostgreSQL server (a database tests may create databases from).</summary>
    public const string PostgresVariable = "CHATSPHERE_TEST_POSTGRES";

    /// <summary>host:port of the test Redis server.</summary>
    public const string RedisVariable = "CHATSPHERE_TEST_REDIS";

    /// <summary>The value of a required variable, or an exception that says how to get it.</summary>
    public static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests with deploy/local/test.sh, or start the servers with " +
                "`eval \"$(deploy/local/services.sh start)\"` and run dotnet test in that shell.");
}
