using System.Net;
using ChatSphere.Grains.Ingestion.Web;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Which addresses may be fetched, and what robots.txt allows.</summary>
public sealed class WebRulesTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("64:ff9b::a00:1")]
    public void Non_public_addresses_are_refused(string address) => Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_are_allowed(string address) => Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void Robots_rules_pick_the_crawlers_group_and_the_longest_match()
    {
        var robots = RobotsRules.Parse("""
            User-agent: *
            Disallow: /

            User-agent: chatspherebot
            User-agent: otherbot
            Disallow: /private/
            Allow: /private/open-*.html$
            Disallow: /*.pdf$
            Crawl-delay: 1.5

            Sitemap: https://example.com/sitemap.xml
            """, "ChatSphereBot");

        Assert.True(robots.IsAllowed("/docs/a"));
        Assert.False(robots.IsAllowed("/private/secret"));
        Assert.True(robots.IsAllowed("/private/open-day.html"));
        Assert.False(robots.IsAllowed("/private/open-day.html?x=1"));
        Assert.False(robots.IsAllowed("/files/report.pdf"));
        Assert.True(robots.IsAllowed("/files/report.pdf.html"));
        Assert.Equal(TimeSpan.FromSeconds(1.5), robots.CrawlDelay);
        Assert.Equal(["https://example.com/sitemap.xml"], robots.Sitemaps);
    }

    [Fact]
    public void Without_its_own_group_the_crawler_follows_the_star_group()
    {
        var robots = RobotsRules.Parse("User-agent: *\nDisallow: /admin\n", "ChatSphereBot");

        Assert.False(robots.IsAllowed("/admin/users"));
        Assert.True(robots.IsAllowed("/blog"));
    }

    [Fact]
    public void Path_patterns_match_whole_paths_and_exclusion_wins()
    {
        var patterns = new PathPatterns(["/docs/*"], ["/docs/old/*"]);

        Assert.True(patterns.IsIncluded("/docs/start"));
        Assert.False(patterns.IsIncluded("/blog/post"));
        Assert.False(patterns.IsIncluded("/docs/old/page"));
        Assert.True(patterns.IsExcluded("/docs/old/page"));
    }
}
