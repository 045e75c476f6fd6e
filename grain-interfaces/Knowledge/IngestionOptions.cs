namespace ChatSphere.GrainInterfaces.Knowledge;

/// <summary>Limits and politeness of ingestion (<c>ChatSphere:Ingestion</c>; what each is for: docs/knowledge.md, "Safety").</summary>
public sealed class IngestionOptions
{
    public const string Section = "ChatSphere:Ingestion";

    /// <summary>Largest upload accepted (413 above it).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest response body read from the web; larger pages fail (or are skipped in a crawl).</summary>
    public long MaxResponseBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Largest total a document's parts may unpack to (DOCX is a zip: this stops zip bombs).</summary>
    public long MaxUnpackedBytes { get; set; } = 200 * 1024 * 1024;

    /// <summary>Text kept from one document or page; the rest is cut.</summary>
    public int MaxCharactersPerDocument { get; set; } = 2_000_000;

    /// <summary>Whole-request time limit for one fetch (connect, headers and body).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Requests in flight at once to one site during a crawl.</summary>
    public int MaxConcurrentRequestsPerSite { get; set; } = 2;

    /// <summary>Longest Crawl-delay of robots.txt honoured; longer ones are cut to this.</summary>
    public TimeSpan MaxCrawlDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Upper bound a crawl's max pages may be set to.</summary>
    public int MaxCrawlPages { get; set; } = 2_000;

    /// <summary>Ingestion jobs running at once in one silo; others wait, queued.</summary>
    public int MaxConcurrentJobs { get; set; } = 3;

    public string UserAgent { get; set; } = "ChatSphereBot/1.0 (+https://github.com/chatsphere)";

    /// <summary>
    /// For tests and closed networks only: lets fetches reach private, loopback and link-local addresses. Off by default.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>
    /// For tests only: host names (exactly as written in URLs) that may resolve to private or loopback addresses.
    /// Empty by default.
    /// </summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];

    /// <summary>How often a knowledge grain with unfinished sources checks their jobs run (a reminder: it survives restarts).</summary>
    public TimeSpan ResumeCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
