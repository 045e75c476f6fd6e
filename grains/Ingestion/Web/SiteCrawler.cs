using System.Runtime.CompilerServices;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion.Parsing;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>A page a crawl reached: its parsed content, or why it could not be used.</summary>
public sealed record CrawledPage(Uri Url, ParsedDocument? Document, string? Error);

/// <summary>
/// Crawls one web site breadth-first from a start URL (or a sitemap.xml): same host only, robots.txt obeyed (with
/// its Crawl-delay, capped), sitemaps read, include/exclude path patterns, at most max pages and max depth, and a few
/// requests in flight at a time. Pages come out as they are parsed; a page that fails is reported and skipped.
/// </summary>
public sealed class SiteCrawler(WebFetcher fetcher, IOptions<IngestionOptions> options)
{
    private const string ProductToken = "ChatSphereBot";
    private const int MaxSitemaps = 10;

    private static readonly HashSet<string> SkippedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".ico", ".bmp", ".css", ".js", ".json", ".zip", ".gz", ".tar",
        ".rar", ".7z", ".mp3", ".mp4", ".avi", ".mov", ".webm", ".woff", ".woff2", ".ttf", ".eot", ".exe", ".dmg", ".iso",
        ".xml", ".rss", ".atom",
    };

    /// <summary>The pages of the site; <paramref name="progress"/> is called with (pages done, pages known so far, capped at max pages).</summary>
    public async IAsyncEnumerable<CrawledPage> CrawlAsync(
        Uri start, CrawlOptions crawl, Action<int, int> progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var patterns = new PathPatterns(crawl.IncludePaths, crawl.ExcludePaths);
        var robots = await ReadRobotsAsync(start, cancellationToken);
        var delay = robots.CrawlDelay is { } asked ? TimeSpan.FromTicks(Math.Min(asked.Ticks, settings.MaxCrawlDelay.Ticks)) : TimeSpan.Zero;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var frontier = new Queue<(Uri Url, int Depth)>();

        bool Enqueue(Uri url, int depth)
        {
            var normalized = Normalize(url);
            if (normalized is null || !SameSite(normalized, start) || !seen.Add(normalized.AbsoluteUri)
                || SkippedExtensions.Contains(Path.GetExtension(normalized.AbsolutePath))
                || patterns.IsExcluded(normalized.AbsolutePath) || !robots.IsAllowed(normalized.PathAndQuery))
            {
                return false;
            }

            frontier.Enqueue((normalized, depth));
            return true;
        }

        var isSitemap = start.AbsolutePath.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);
        if (!isSitemap)
        {
            if (Normalize(start) is not { } first || patterns.IsExcluded(first.AbsolutePath))
            {
                throw new IngestionException("The start URL is excluded by the crawl's path patterns.");
            }

            if (!robots.IsAllowed(first.PathAndQuery))
            {
                throw new IngestionException("The site's robots.txt does not allow crawling the start URL.");
            }

            seen.Add(first.AbsoluteUri);
            frontier.Enqueue((first, 0));
        }

        var sitemaps = isSitemap ? [start] : crawl.UseSitemap ? SitemapsOf(start, robots) : [];
        foreach (var page in await ReadSitemapsAsync(sitemaps, start, crawl.MaxPages * 4, requireOne: isSitemap, cancellationToken))
        {
            Enqueue(page, Math.Min(1, crawl.MaxDepth));
        }

        var done = 0;
        // Pages outside the include patterns are fetched for their links only, within a budget.
        var fetchBudget = crawl.MaxPages * 5;
        var concurrency = Math.Max(1, settings.MaxConcurrentRequestsPerSite);
        while (frontier.Count > 0 && done < crawl.MaxPages && fetchBudget > 0)
        {
            var batch = new List<(Uri Url, int Depth)>();
            while (frontier.Count > 0 && batch.Count < Math.Min(concurrency, crawl.MaxPages - done))
            {
                batch.Add(frontier.Dequeue());
            }

            fetchBudget -= batch.Count;
            var results = await Task.WhenAll(batch.Select(item => FetchPageAsync(item.Url, start, cancellationToken)));
            for (var i = 0; i < batch.Count; i++)
            {
                var (url, depth) = batch[i];
                var (page, links) = results[i];
                if (depth < crawl.MaxDepth)
                {
                    foreach (var link in links)
                    {
                        Enqueue(link, depth + 1);
                    }
                }

                if (page is null || !patterns.IsIncluded(url.AbsolutePath))
                {
                    continue;
                }

                done++;
                progress(done, Math.Min(crawl.MaxPages, done + frontier.Count));
                yield return page;
            }

            if (delay > TimeSpan.Zero && frontier.Count > 0)
            {
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    /// <summary>A page and its links; a null page for content that is not a document (an image, a stylesheet).</summary>
    private async Task<(CrawledPage? Page, IReadOnlyList<Uri> Links)> FetchPageAsync(Uri url, Uri start, CancellationToken cancellationToken)
    {
        try
        {
            var resource = await fetcher.FetchAsync(url, cancellationToken);
            // A page that redirects off the site is not part of it.
            if (!SameSite(resource.Url, start)
                || DocumentParser.Detect(resource.Url.AbsolutePath, resource.MediaType, resource.Body) is not { } format)
            {
                return (null, []);
            }

            var (document, links) = await Task.Run(
                () => DocumentParser.Parse(resource.Body, format, resource.Url.AbsoluteUri, resource.Charset, resource.Url, options.Value),
                cancellationToken);
            return (new CrawledPage(url, document, null), links);
        }
        catch (IngestionException exception)
        {
            return (new CrawledPage(url, null, exception.Message), []);
        }
    }

    private async Task<RobotsRules> ReadRobotsAsync(Uri start, CancellationToken cancellationToken)
    {
        try
        {
            var robots = await fetcher.FetchAsync(new Uri(start, "/robots.txt"), cancellationToken, maxBytes: 512 * 1024);
            return RobotsRules.Parse(TextDecoding.Decode(robots.Body, robots.Charset), ProductToken);
        }
        catch (IngestionException exception) when (exception.Message.StartsWith("Blocked:", StringComparison.Ordinal))
        {
            throw;
        }
        catch (IngestionException)
        {
            // No robots.txt (or none readable): nothing is disallowed.
            return RobotsRules.AllowAll;
        }
    }

    private static List<Uri> SitemapsOf(Uri start, RobotsRules robots)
    {
        var listed = robots.Sitemaps
            .Select(s => Uri.TryCreate(start, s, out var u) ? u : null)
            .OfType<Uri>()
            .Where(u => SameSite(u, start))
            .ToList();
        return listed.Count > 0 ? listed : [new Uri(start, "/sitemap.xml")];
    }

    private async Task<List<Uri>> ReadSitemapsAsync(List<Uri> sitemaps, Uri start, int maxEntries, bool requireOne, CancellationToken cancellationToken)
    {
        var pages = new List<Uri>();
        var queue = new Queue<Uri>(sitemaps);
        var read = 0;
        while (queue.Count > 0 && read < MaxSitemaps && pages.Count < maxEntries)
        {
            var sitemap = queue.Dequeue();
            read++;
            try
            {
                var fetched = await fetcher.FetchAsync(sitemap, cancellationToken);
                var (found, nested) = SitemapReader.Read(fetched.Body, maxEntries);
                pages.AddRange(found.Where(u => SameSite(u, start)));
                foreach (var next in nested.Where(u => SameSite(u, start)))
                {
                    queue.Enqueue(next);
                }
            }
            catch (IngestionException) when (!requireOne || read > 1)
            {
                // A missing or broken sitemap only means fewer seeds.
            }
        }

        return pages;
    }

    private static Uri? Normalize(Uri url)
    {
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        var builder = new UriBuilder(url) { Fragment = "" };
        return builder.Uri;
    }

    private static bool SameSite(Uri url, Uri start) =>
        string.Equals(url.Host, start.Host, StringComparison.OrdinalIgnoreCase) && url.Port == start.Port;
}
