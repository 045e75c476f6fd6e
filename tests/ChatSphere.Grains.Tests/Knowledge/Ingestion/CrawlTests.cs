using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Crawls of a site served on loopback by the test: robots.txt, sitemap, depth, max pages, path patterns, re-sync.</summary>
[Collection(IngestionCollection.Name)]
public sealed class CrawlTests(IngestionClusterFixture fixture)
{
    private LoopbackSite Site => fixture.Site;

    [Fact]
    public async Task A_crawl_follows_same_site_links_within_depth_obeys_robots_reads_the_sitemap_and_skips_excluded_paths()
    {
        // Every path sits under its own prefix: the fixture's site is shared by the tests of the collection.
        Site.Page("/robots.txt", "User-agent: *\nDisallow: /c1/private/\nSitemap: " + Site.Url("/c1/sitemap.xml"), "text/plain");
        Site.Page("/c1/sitemap.xml", $"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{Site.Url("/c1/hidden")}</loc></url></urlset>""", "application/xml");
        Site.Page("/c1/", Html("Home", "Welcome to the bakery.", "/c1/a", "/c1/private/x", "/c1/excluded/y", "https://elsewhere.example/z"));
        Site.Page("/c1/a", Html("Bread", "Sourdough is baked every morning.", "/c1/b"));
        Site.Page("/c1/b", Html("Cakes", "Cakes are made to order.", "/c1/c"));
        Site.Page("/c1/c", Html("Too deep", "This page is three links away.", "/c1/"));
        Site.Page("/c1/hidden", Html("Catering", "We cater weddings of up to two hundred guests."));
        Site.Page("/c1/private/x", Html("Private", "Nobody should read this."));
        Site.Page("/c1/excluded/y", Html("Excluded", "Patterns leave this out."));
        var (botId, knowledge) = await fixture.NewBotAsync();

        var added = await knowledge.AddSourceAsync(new NewSource
        {
            Type = SourceType.Website,
            Url = Site.Url("/c1/").AbsoluteUri,
            Crawl = new CrawlOptions { MaxDepth = 2, MaxPages = 20, ExcludePaths = ["/c1/excluded/*"] },
        });
        var indexed = await knowledge.SettledAsync(added.Id);

        var pages = await fixture.SiloServices.GetRequiredService<ChunkStore>().ListPagesAsync(botId, added.Id);
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal(
            new[] { "/c1/", "/c1/a", "/c1/b", "/c1/hidden" }.Select(p => Site.Url(p).AbsoluteUri).Order(),
            pages.Keys.Order());
        Assert.Equal(4, indexed.Pages);
        Assert.DoesNotContain(Site.Requests, r => r is "/c1/private/x" or "/c1/excluded/y" or "/c1/c");
        var hit = (await knowledge.SearchAsync("Do you cater weddings?", 1)).Single();
        Assert.Equal(Site.Url("/c1/hidden").AbsoluteUri, hit.Url);
    }

    [Fact]
    public async Task A_crawl_stops_at_max_pages_and_include_patterns_limit_what_is_indexed()
    {
        Site.Page("/c2/", Html("Index", "All the docs.", "/c2/docs/1", "/c2/docs/2", "/c2/docs/3", "/c2/blog/1"));
        foreach (var i in new[] { "1", "2", "3" })
        {
            Site.Page($"/c2/docs/{i}", Html($"Doc {i}", $"Documentation page number {i}."));
        }

        Site.Page("/c2/blog/1", Html("Blog", "A blog post."));
        var (_, knowledge) = await fixture.NewBotAsync();

        var added = await knowledge.AddSourceAsync(new NewSource
        {
            Type = SourceType.Website,
            Url = Site.Url("/c2/").AbsoluteUri,
            Crawl = new CrawlOptions { MaxPages = 2, IncludePaths = ["/c2/docs/*"], UseSitemap = false },
        });
        var indexed = await knowledge.SettledAsync(added.Id);

        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal(2, indexed.Pages);
        Assert.All(await knowledge.SearchAsync("documentation page", 10), h => Assert.Contains("/c2/docs/", h.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_crawl_can_start_from_a_sitemap_and_its_nested_sitemaps()
    {
        Site.Page("/c4/sitemap.xml", $"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>{Site.Url("/c4/pages.xml")}</loc></sitemap></sitemapindex>""", "application/xml");
        Site.Page("/c4/pages.xml", $"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{Site.Url("/c4/p1")}</loc></url><url><loc>{Site.Url("/c4/p2")}</loc></url></urlset>""", "application/xml");
        Site.Page("/c4/p1", Html("Ferries", "Ferries leave the harbour every hour.", "/c4/p3"));
        Site.Page("/c4/p2", Html("Buses", "Night buses run on weekends."));
        Site.Page("/c4/p3", Html("Linked", "Only linked, not in the sitemap."));
        var (botId, knowledge) = await fixture.NewBotAsync();

        var added = await knowledge.AddSourceAsync(new NewSource
        {
            Type = SourceType.Website,
            Url = Site.Url("/c4/sitemap.xml").AbsoluteUri,
            Crawl = new CrawlOptions { MaxDepth = 1 },
        });
        var indexed = await knowledge.SettledAsync(added.Id);

        var pages = await fixture.SiloServices.GetRequiredService<ChunkStore>().ListPagesAsync(botId, added.Id);
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal(new[] { "/c4/p1", "/c4/p2" }.Select(p => Site.Url(p).AbsoluteUri), pages.Keys.Order());
        Assert.Equal("Ferries", indexed.Title);
    }

    [Fact]
    public async Task Resync_embeds_only_changed_chunks_and_deletes_removed_pages()
    {
        Site.Page("/c3/", Html("Hub", "The hub page lists our guides.", "/c3/one", "/c3/two"));
        Site.Page("/c3/one", Guide("Kettles descale monthly."));
        Site.Page("/c3/two", Html("Two", "Toasters have a crumb tray that slides out."));
        var (botId, knowledge) = await fixture.NewBotAsync(new GrainInterfaces.Chatbots.KnowledgeSettings { ChunkTokens = 40, OverlapTokens = 0 });
        var chunks = fixture.SiloServices.GetRequiredService<ChunkStore>();
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Website, Url = Site.Url("/c3/").AbsoluteUri, Crawl = new CrawlOptions { UseSitemap = false } });
        var first = await knowledge.SettledAsync(added.Id);
        var oneUrl = Site.Url("/c3/one").AbsoluteUri;
        var hubBefore = await chunks.ListChunkIdsAsync(botId, added.Id, Site.Url("/c3/").AbsoluteUri);
        var oneBefore = await chunks.ListPageChunksAsync(botId, added.Id, oneUrl);
        var offsetsBefore = await chunks.ListOffsetsAsync(botId, added.Id, oneUrl);

        // One section of one page changes; the second page disappears.
        Site.Page("/c3/one", Guide("Kettles descale every two weeks in hard-water areas."));
        Site.Remove("/c3/two");
        await knowledge.SyncSourceAsync(added.Id);
        var second = await knowledge.SettledAsync(added.Id, after: first.UpdatedAt);

        var oneAfter = await chunks.ListPageChunksAsync(botId, added.Id, oneUrl);
        var offsets = await chunks.ListOffsetsAsync(botId, added.Id, oneUrl);
        Assert.Equal(SourceStatus.Indexed, second.Status);
        Assert.Equal(3, first.Pages);
        Assert.Equal(2, second.Pages);
        Assert.NotEqual(first.ContentHash, second.ContentHash);
        Assert.Equal(hubBefore, await chunks.ListChunkIdsAsync(botId, added.Id, Site.Url("/c3/").AbsoluteUri));
        // The unchanged sections keep their chunks (and embeddings); only the changed one is new.
        Assert.Equal(oneBefore.Count, oneAfter.Count);
        Assert.Single(oneAfter.Values.Except(oneBefore.Values));
        // The kept sections come after the one that grew: their offsets follow the page as it now is.
        var growth = "Kettles descale every two weeks in hard-water areas.".Length - "Kettles descale monthly.".Length;
        Assert.All(oneAfter.Values.Intersect(oneBefore.Values), id => Assert.Equal(offsetsBefore[id].Start + growth, offsets[id].Start));
        Assert.Empty(await chunks.ListChunkIdsAsync(botId, added.Id, Site.Url("/c3/two").AbsoluteUri));
        Assert.DoesNotContain(await knowledge.SearchAsync("crumb tray of the toaster", 10), h => h.Url == Site.Url("/c3/two").AbsoluteUri);
        Assert.Contains("two weeks", (await knowledge.SearchAsync("How often should a kettle be descaled?", 1))[0].Text, StringComparison.Ordinal);
    }

    private static string Guide(string kettles) => $"""
        <html><head><title>Guide</title></head><body><main>
        <h2>Kettles</h2><p>{kettles}</p>
        <h2>Toasters</h2><p>Toasters should be unplugged before cleaning.</p>
        <h2>Blenders</h2><p>Blender blades go in the dishwasher.</p>
        </main></body></html>
        """;

    private static string Html(string title, string text, params string[] links) =>
        $"<html><head><title>{title}</title></head><body><nav>{string.Concat(links.Select(l => $"<a href=\"{l}\">{l}</a> "))}</nav>"
        + $"<main><h1>{title}</h1><p>{text}</p></main></body></html>";
}
