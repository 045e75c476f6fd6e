using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.Grains.Chatbots;

namespace ChatSphere.Api.Tests.Widget;

/// <summary>How a bot's allowed domains match browser origins.</summary>
public sealed class AllowedOriginTests
{
    [Theory]
    [InlineData("example.com", "https://example.com", true)]
    [InlineData("example.com", "http://example.com:8080", true)]
    [InlineData("example.com", "https://www.example.com", false)]
    [InlineData("example.com", "https://example.com.evil.net", false)]
    [InlineData("*.example.com", "https://shop.example.com", true)]
    [InlineData("*.example.com", "https://a.b.example.com", true)]
    [InlineData("*.example.com", "https://example.com", false)]
    [InlineData("*.example.com", "https://badexample.com", false)]
    [InlineData("https://shop.example.com", "http://shop.example.com", false)]
    [InlineData("https://shop.example.com:8443", "https://shop.example.com:8443", true)]
    [InlineData("https://shop.example.com:8443", "https://shop.example.com", false)]
    [InlineData("EXAMPLE.com/", "https://Example.COM", true)]
    [InlineData("localhost", "http://localhost:5173", true)]
    [InlineData("example.com", "null", false)]
    [InlineData("example.com", "file:///etc/passwd", false)]
    public void Entries_match_origins(string entry, string origin, bool allowed) =>
        Assert.Equal(allowed, AllowedOrigin.IsAllowed([entry], origin));

    [Fact]
    public void An_empty_list_allows_every_origin() => Assert.True(AllowedOrigin.IsAllowed([], "https://anywhere.example"));

    [Theory]
    [InlineData("http://*")]
    [InlineData("ftp://files.example.com")]
    [InlineData("exa mple.com")]
    [InlineData("*.")]
    [InlineData("example.com:99999")]
    [InlineData("-bad.example.com")]
    [InlineData("")]
    public void Malformed_entries_are_refused(string entry) => Assert.Null(AllowedOrigin.Parse(entry));
}
