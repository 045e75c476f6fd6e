using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge;

/// <summary>What a new source must look like: every field at fault is reported by its JSON name.</summary>
internal static class SourceRules
{
    public const int MaxTextLength = 500_000;
    public const int MaxUrlLength = 2_048;
    public const int MaxPatterns = 50;
    public const int MaxPatternLength = 200;
    public const int MinSyncIntervalMinutes = 5;
    public const int MaxSyncIntervalMinutes = 60 * 24 * 90;
    public const int MaxFileNameLength = 255;

    public static readonly string[] FileExtensions = [".pdf", ".docx", ".md", ".markdown", ".html", ".htm", ".txt", ".csv"];

    /// <summary>A valid new text, url or website source ready to be queued.</summary>
    public static KnowledgeSource ValidateQueued(NewSource source, string botId, string id, DateTimeOffset now, int maxCrawlPages)
    {
        var errors = new Dictionary<string, string[]>();
        string title;
        string? text = null;
        string? url = null;
        CrawlOptions? crawl = null;
        switch (source.Type)
        {
            case SourceType.Text:
                title = source.Title?.Trim() ?? "";
                text = source.Text?.Trim() ?? "";
                if (title.Length is 0 or > Titles.MaxLength)
                {
                    errors["title"] = [$"Is required, at most {Titles.MaxLength} characters."];
                }

                if (text.Length is 0 or > MaxTextLength)
                {
                    errors["text"] = [$"Is required, at most {MaxTextLength} characters."];
                }

                break;
            case SourceType.Url:
            case SourceType.Website:
                url = source.Url?.Trim();
                if (!IsWebUrl(url, out var parsed))
                {
                    errors["url"] = ["Must be an absolute http or https URL."];
                }

                title = source.Title is { Length: > 0 } given ? Titles.Fit(given) : parsed?.ToString() ?? "";
                if (source.Type == SourceType.Website)
                {
                    crawl = source.Crawl ?? new CrawlOptions();
                    ValidateCrawl(crawl, maxCrawlPages, errors);
                }
                else if (source.Crawl is not null)
                {
                    errors["crawl"] = ["Only website sources are crawled."];
                }

                break;
            default:
                throw new ValidationFailedException("type", "Must be one of: text, qa, url, website (files are uploaded to /sources/files).");
        }

        ValidateInterval(source.SyncIntervalMinutes, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new KnowledgeSource
        {
            Id = id,
            BotId = botId,
            Type = source.Type,
            Status = SourceStatus.Queued,
            Title = title,
            Text = text,
            Url = url,
            Crawl = crawl,
            SyncIntervalMinutes = source.SyncIntervalMinutes,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A valid uploaded file ready to be queued (its content is checked when it is parsed).</summary>
    public static KnowledgeSource ValidateFile(NewFile file, string botId, string id, DateTimeOffset now, long maxBytes)
    {
        var errors = new Dictionary<string, string[]>();
        var name = Path.GetFileName(file.FileName?.Trim() ?? "");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length is 0 or > MaxFileNameLength)
        {
            errors["file"] = [$"A file name is required, at most {MaxFileNameLength} characters."];
        }
        else if (!FileExtensions.Contains(extension))
        {
            errors["file"] = [$"Unsupported file type '{extension}'. Supported: {string.Join(", ", FileExtensions)}."];
        }

        if (file.Content.LongLength > maxBytes)
        {
            // The API refuses such uploads with 413 before they get here.
            errors["file"] = [$"The file is larger than the limit of {maxBytes} bytes."];
        }

        ValidateInterval(file.SyncIntervalMinutes, errors);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new KnowledgeSource
        {
            Id = id,
            BotId = botId,
            Type = SourceType.File,
            Status = SourceStatus.Queued,
            Title = Titles.Fit(file.Title is { Length: > 0 } title ? title : name),
            FileName = name,
            ContentType = file.ContentType,
            SizeBytes = file.Content.LongLength,
            SyncIntervalMinutes = file.SyncIntervalMinutes,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    public static bool IsWebUrl(string? url, out Uri? parsed)
    {
        parsed = null;
        return url is { Length: > 0 and <= MaxUrlLength }
            && Uri.TryCreate(url, UriKind.Absolute, out parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && parsed.Host.Length > 0;
    }

    private static void ValidateCrawl(CrawlOptions crawl, int maxCrawlPages, Dictionary<string, string[]> errors)
    {
        if (crawl.MaxPages < 1 || crawl.MaxPages > maxCrawlPages)
        {
            errors["crawl.maxPages"] = [$"Must be between 1 and {maxCrawlPages}."];
        }

        if (crawl.MaxDepth is < 0 or > 20)
        {
            errors["crawl.maxDepth"] = ["Must be between 0 and 20."];
        }

        foreach (var (name, patterns) in new[] { ("crawl.includePaths", crawl.IncludePaths), ("crawl.excludePaths", crawl.ExcludePaths) })
        {
            if (patterns.Count > MaxPatterns || patterns.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > MaxPatternLength))
            {
                errors[name] = [$"At most {MaxPatterns} non-empty patterns of at most {MaxPatternLength} characters."];
            }
        }
    }

    private static void ValidateInterval(int? minutes, Dictionary<string, string[]> errors)
    {
        if (minutes is { } value && (value < MinSyncIntervalMinutes || value > MaxSyncIntervalMinutes))
        {
            errors["syncIntervalMinutes"] = [$"Must be between {MinSyncIntervalMinutes} and {MaxSyncIntervalMinutes}."];
        }
    }
}
