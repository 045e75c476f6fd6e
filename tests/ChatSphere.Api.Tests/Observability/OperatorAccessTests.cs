using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatSphere.Api.Tests.Observability;

/// <summary>The operator surfaces exist only with a configured secret, and a short one stops the program at start.</summary>
public sealed class OperatorAccessTests
{
    [Fact]
    public void Without_a_secret_there_is_no_operator_surface()
    {
        Assert.False(OperatorAccess.IsEnabled(Configuration(null)));
        Assert.False(OperatorAccess.IsEnabled(Configuration("")));
    }

    [Fact]
    public void A_short_secret_is_refused_at_start()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => OperatorAccess.IsEnabled(Configuration("too-short-to-guard-a-cluster")));
        Assert.Contains("ChatSphere:Operators:Token", refused.Message);
    }

    [Fact]
    public void A_long_secret_turns_the_operator_surface_on()
    {
        Assert.True(OperatorAccess.IsEnabled(Configuration(new string('k', OperatorAccess.MinTokenLength))));
    }

    private static IConfiguration Configuration(string? token) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ChatSphere:Operators:Token"] = token })
        .Build();
}
