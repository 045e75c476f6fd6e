using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ingestion.Parsing;
using ChatSphere.Grains.Ingestion.Web;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion;

/// <summary>
/// Runs one sync of one source, off any grain's turn: fetch or load its content, parse, chunk, embed what changed,
/// and hand every change to the bot's knowledge grain (the single writer). At most
/// <see cref="IngestionOptions.MaxConcurrentJobs"/> syncs run at once per silo; the others wait as queued. Any
/// failure ends in status failed with a reason, and touches nothing but this source.
/// </summary>
public sealed partial class IngestionPipeline : IDisposable
{
    private readonly SourceStore _sources;
    private readonly ChunkStore _chunks;
    private readonly PageIndexer _indexer;
    private readonly WebFetcher _fetcher;
    private readonly SiteCrawler _crawler;
    private readonly IGrainFactory _grains;
    private readonly IOptions<IngestionOptions> _options;
    private readonly ILogger<IngestionPipeline> _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;

    public IngestionPipeline(
        SourceStore sources, ChunkStore chunks, PageIndexer indexer, WebFetcher fetcher, SiteCrawler crawler, IGrainFactory grains,
        IOptions<IngestionOptions> options, ILogger<IngestionPipeline> logger, TimeProvider time)
    {
        _time = time;
        _sources = sources;
        _chunks = chunks;
        _indexer = indexer;
        _fetcher = fetcher;
        _crawler = crawler;
        _grains = grains;
        _options = options;
        _logger = logger;
        _slots = new SemaphoreSlim(Math.Max(1, options.Value.MaxConcurrentJobs));
    }

    /// <summary>Syncs the source once. Cancellation (the source was deleted, the silo stops) leaves it for a later run.</summary>
    public async Task RunAsync(string botId, string sourceId, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var source = await _sources.GetAsync(botId, sourceId, cancellationToken);
            if (source is null)
            {
                return;
            }

            var settings = (await _grains.GetGrain<IChatbotGrain>(botId).GetAsync())?.Settings.Knowledge ?? new KnowledgeSettings();
            var job = new Job(this, source, settings, cancellationToken);
            try
            {
                await job.RunAsync();
            }
            catch (IngestionException failure)
            {
                LogFailed(botId, sourceId, failure.Message);
                await job.FailAsync(failure.Message);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not SourceDeletedException)
            {
                LogCrashed(exception, botId, sourceId);
                await job.FailAsync("Ingestion failed unexpectedly; sync the source to try again.");
            }
        }
        catch (SourceDeletedException)
        {
            // Deleted while it was being ingested: nothing of it is kept.
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} of chatbot {BotId} failed to ingest: {Reason}")]
    private partial void LogFailed(string botId, string sourceId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Source {SourceId} of chatbot {BotId}: ingestion crashed")]
    private partial void LogCrashed(Exception exception, string botId, string sourceId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source {SourceId} of chatbot {BotId} indexed: {Pages} pages, {Chunks} chunks, {Embedded} newly embedded, {Removed} removed")]
    private partial void LogIndexed(string botId, string sourceId, int pages, int chunks, int embedded, int removed);

    private sealed class SourceDeletedException() : Exception("The source was deleted.");

    /// <summary>One sync of one source.</summary>
    private sealed class Job(IngestionPipeline pipeline, KnowledgeSource source, KnowledgeSettings settings, CancellationToken cancellationToken)
    {
        private readonly IKnowledgeIngestion _knowledge = pipeline._grains.GetGrain<IKnowledgeIngestion>(source.BotId);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly List<string> _pageErrors = [];
        private IReadOnlyDictionary<string, IngestedPage> _stored = new Dictionary<string, IngestedPage>();
        private string? _title;
        private int _embedded;
        private int _removed;
        private int _pagesDone;
        private int _pagesTotal;
        private DateTimeOffset _lastReport;

        private IngestionOptions Options => pipeline._options.Value;

        public async Task RunAsync()
        {
            await ReportAsync(Processing(SourceStage.Fetching, 0, 0));
            _stored = await pipeline._chunks.ListPagesAsync(source.BotId, source.Id, cancellationToken);
            switch (source.Type)
            {
                case SourceType.Text:
                    // Citations name a text source by the title its owner gave it.
                    await IndexPageAsync("", MarkdownParser.Parse(source.Text ?? "", source.Title, Options.MaxCharactersPerDocument) with { Title = source.Title });
                    break;
                case SourceType.File:
                    await IndexFileAsync();
                    break;
                case SourceType.Url:
                    await IndexUrlAsync();
                    break;
                case SourceType.Website:
                    await IndexWebsiteAsync();
                    break;
                default:
                    throw new IngestionException($"Sources of type '{source.Type}' are not ingested in the background.");
            }

            var gone = _stored.Keys.Where(k => !_seen.Contains(k)).ToArray();
            if (gone.Length > 0)
            {
                _removed += gone.Sum(k => _stored[k].ChunkCount);
                Ensure(await _knowledge.RemovePagesAsync(source.Id, gone));
            }

            var pages = await pipeline._chunks.ListPagesAsync(source.BotId, source.Id, cancellationToken);
            var chunkCount = pages.Values.Sum(p => p.ChunkCount);
            await ReportAsync(new SourceProgress
            {
                Status = SourceStatus.Indexed,
                Done = pages.Count,
                Total = pages.Count,
                Pages = pages.Count,
                Chunks = chunkCount,
                Characters = pages.Values.Sum(p => p.Characters),
                LastSyncedAt = pipeline._time.GetUtcNow(),
                ContentHash = ContentHash.Combine(pages.Values.Select(p => p.ContentHash)),
                // A title the owner gave is kept; one that is only the URL gives way to the page's own.
                Title = Uri.IsWellFormedUriString(source.Title, UriKind.Absolute) ? _title : null,
                Error = _pageErrors.Count == 0 ? null : $"{_pageErrors.Count} page(s) could not be read; the first: {_pageErrors[0]}",
            });
            pipeline.LogIndexed(source.BotId, source.Id, pages.Count, chunkCount, _embedded, _removed);
        }

        /// <summary>Records the failure; whatever an earlier sync indexed stays searchable and counted.</summary>
        public async Task FailAsync(string reason)
        {
            var pages = await pipeline._chunks.ListPagesAsync(source.BotId, source.Id, CancellationToken.None);
            await ReportAsync(new SourceProgress
            {
                Status = SourceStatus.Failed,
                Error = reason,
                Pages = pages.Count,
                Chunks = pages.Values.Sum(p => p.ChunkCount),
                Characters = pages.Values.Sum(p => p.Characters),
            });
        }

        public async Task ReportAsync(SourceProgress progress)
        {
            _lastReport = pipeline._time.GetUtcNow();
            // A final report must land even when the job is being stopped.
            Ensure(await _knowledge.ReportAsync(source.Id, progress) is not null);
        }

        private async Task IndexFileAsync()
        {
            var content = await pipeline._sources.LoadFileAsync(source.BotId, source.Id, cancellationToken)
                ?? throw new IngestionException("The uploaded file is missing; upload it again.");
            var name = source.FileName ?? source.Title;
            var format = DocumentParser.Detect(name, null, content) ?? throw new IngestionException($"Unsupported file type of '{name}'.");
            await ReportAsync(Processing(SourceStage.Parsing, 0, 1));
            var (document, _) = await Task.Run(() => DocumentParser.Parse(content, format, TitleOf(name), null, null, Options), cancellationToken);
            // A title given at upload wins over the document's own.
            await IndexPageAsync(name, source.Title != name ? document with { Title = source.Title } : document);
        }

        private async Task IndexUrlAsync()
        {
            var url = new Uri(source.Url!);
            var fetched = await pipeline._fetcher.FetchAsync(url, cancellationToken);
            var format = DocumentParser.Detect(fetched.Url.AbsolutePath, fetched.MediaType, fetched.Body)
                ?? throw new IngestionException($"{fetched.Url} is of a type that cannot be read ({fetched.MediaType ?? "unknown"}).");
            await ReportAsync(Processing(SourceStage.Parsing, 0, 1));
            var (document, _) = await Task.Run(
                () => DocumentParser.Parse(fetched.Body, format, fetched.Url.AbsoluteUri, fetched.Charset, fetched.Url, Options), cancellationToken);
            _title = document.Title;
            await IndexPageAsync(source.Url!, document);
        }

        private async Task IndexWebsiteAsync()
        {
            var crawl = source.Crawl ?? new CrawlOptions();
            var read = 0;
            await foreach (var page in pipeline._crawler.CrawlAsync(new Uri(source.Url!), crawl, (done, total) => (_pagesDone, _pagesTotal) = (done, total), cancellationToken))
            {
                var key = page.Url.AbsoluteUri;
                if (page.Document is null)
                {
                    _pageErrors.Add(page.Error ?? "unreadable");
                    // A page that is gone (404, 410) loses its chunks; one that failed for now keeps them.
                    if (page.Error is { } error && !error.Contains("answered 404", StringComparison.Ordinal) && !error.Contains("answered 410", StringComparison.Ordinal))
                    {
                        _seen.Add(key);
                    }

                    continue;
                }

                read++;
                _title ??= page.Document.Title;
                await IndexPageAsync(key, page.Document);
            }

            if (read == 0)
            {
                throw new IngestionException(_pageErrors.Count > 0
                    ? $"No page of the site could be read; the first error: {_pageErrors[0]}"
                    : "The crawl found no page to read (check the start URL, robots.txt and the path patterns).");
            }
        }

        private async Task IndexPageAsync(string pageKey, ParsedDocument document)
        {
            _seen.Add(pageKey);
            _stored.TryGetValue(pageKey, out var stored);
            var update = await pipeline._indexer.IndexAsync(
                source.BotId, source.Id, pageKey, document, stored, settings, OnProgress, cancellationToken);
            if (update is not null)
            {
                Ensure(await _knowledge.ApplyPageAsync(source.Id, update));
                _embedded += update.Added.Count;
                _removed += update.RemovedChunkIds.Count;
            }

            await ThrottledReportAsync(Processing(SourceStage.Fetching, _pagesDone, _pagesTotal), force: source.Type == SourceType.Website);
        }

        private Task OnProgress(SourceStage stage, int done, int total) =>
            source.Type == SourceType.Website ? Task.CompletedTask : ThrottledReportAsync(Processing(stage, done, total), force: false);

        private async Task ThrottledReportAsync(SourceProgress progress, bool force)
        {
            if (force || pipeline._time.GetUtcNow() - _lastReport > TimeSpan.FromMilliseconds(500))
            {
                await ReportAsync(progress);
            }
        }

        private SourceProgress Processing(SourceStage stage, int done, int total) => new()
        {
            Status = SourceStatus.Processing,
            Stage = stage,
            Done = done,
            Total = total,
            Pages = source.Pages,
            Chunks = source.Chunks,
            Characters = source.Characters,
        };

        private static string TitleOf(string fileName) => Path.GetFileNameWithoutExtension(fileName);

        private static void Ensure(bool sourceExists)
        {
            if (!sourceExists)
            {
                throw new SourceDeletedException();
            }
        }
    }
}
