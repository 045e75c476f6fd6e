using System.Text;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Api.Knowledge;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Apis;

/// <summary><c>/api/v1/chatbots/{botId}/sources</c>: a chatbot's training sources (text, Q&amp;A pairs, files, sites).</summary>
public static class SourcesApi
{
    /// <summary>Largest bulk Q&amp;A import body.</summary>
    public const long MaxImportBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSourcesApi(this IEndpointRouteBuilder app)
    {
        var ingestion = app.ServiceProvider.GetRequiredService<IConfiguration>().GetSection(IngestionOptions.Section).Get<IngestionOptions>()
            ?? new IngestionOptions();
        var api = app.MapGroup("/api/v1/chatbots/{botId}").WithTags("Knowledge");
        api.MapGet("/sources", ListAsync).WithName("ListSources").WithSummary("Training sources of a chatbot, newest first")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapPost("/sources", AddAsync).WithName("AddSource")
            .WithSummary("Add a training source: text, a Q&A pair, a URL or a whole web site (type 'text', 'qa', 'url', 'website')")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/sources/files", UploadAsync).WithName("UploadSourceFile")
            .WithSummary("Upload a document (PDF, DOCX, Markdown, HTML, TXT, CSV) as multipart/form-data field 'file'")
            .DisableAntiforgery()
            // Room for the multipart framing around the largest file accepted.
            .WithMetadata(new RequestSizeLimitAttribute(ingestion.MaxFileBytes + 64 * 1024))
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/sources/qa/import", ImportQaAsync).WithName("ImportQaPairs")
            .WithSummary("Add many Q&A pairs at once from CSV (text/csv) or JSON (application/json); all or none")
            .WithMetadata(new RequestSizeLimitAttribute(MaxImportBytes))
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapGet("/sources/{sourceId}", GetAsync).WithName("GetSource").WithSummary("Get a training source and its status")
            .RequireWorkspaceAccess(Permission.Read);
        api.MapDelete("/sources/{sourceId}", DeleteAsync).WithName("DeleteSource").WithSummary("Delete a source; the bot stops using it at once")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/sources/{sourceId}/sync", SyncAsync).WithName("SyncSource")
            .WithSummary("Re-sync a source: only changed pages and chunks are embedded again")
            .RequireWorkspaceAccess(Permission.EditBots);
        api.MapPost("/search", SearchAsync).WithName("SearchKnowledge").WithSummary("Ranked matches from the bot's knowledge")
            .RequireWorkspaceAccess(Permission.Read);
        return app;
    }

    public static async Task<Ok<Page<KnowledgeSource>>> ListAsync(IGrainFactory grains, string botId, int? limit, string? cursor)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var page = await knowledge.ListSourcesAsync(cursor, Paging.Limit(limit));
        return TypedResults.Ok(new Page<KnowledgeSource>(page.Items, page.NextCursor));
    }

    public static async Task<Created<KnowledgeSource>> AddAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId, NewSource source)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var added = await knowledge.AddSourceAsync(source);
        await RecordAsync(http, audit, "source.created", added);
        return Created(botId, added);
    }

    public static async Task<Created<KnowledgeSource>> UploadAsync(
        HttpContext http, IGrainFactory grains, AuditTrail audit, string botId, IFormFile? file, [FromForm] string? title, [FromForm] int? syncIntervalMinutes)
    {
        if (file is null)
        {
            throw new ValidationFailedException("file", "Send the document as multipart/form-data field 'file'.");
        }

        // Form fields are not JSON, so the body's converter does not see them: the same rule here.
        if (title is not null && ControlCharacters.Contains(title))
        {
            throw new ValidationFailedException("title", ControlCharacters.Problem);
        }

        var knowledge = await KnowledgeOfAsync(grains, botId);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content);
        }

        var added = await knowledge.AddFileAsync(new NewFile
        {
            FileName = ControlCharacters.Strip(file.FileName),
            ContentType = file.ContentType,
            Content = content,
            Title = title,
            SyncIntervalMinutes = syncIntervalMinutes,
        });
        await RecordAsync(http, audit, "source.created", added);
        return Created(botId, added);
    }

    public static async Task<Created<Page<KnowledgeSource>>> ImportQaAsync(IGrainFactory grains, AuditTrail audit, string botId, HttpRequest request)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var mediaType = request.GetTypedHeaders().ContentType?.MediaType.Value?.ToLowerInvariant();
        var pairs = mediaType switch
        {
            "text/csv" => QaImportParser.ParseCsv(body),
            "application/json" => QaImportParser.ParseJson(body),
            _ => throw new ValidationFailedException("contentType", "Send text/csv or application/json."),
        };
        var added = await knowledge.ImportQaAsync(pairs);
        await audit.RecordAsync(request.HttpContext, request.HttpContext.GetWorkspaceAccess().WorkspaceId, "source.imported", "chatbot", botId,
            AuditChanges.Of("qaPairs", null, added.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return TypedResults.Created($"/api/v1/chatbots/{botId}/sources", new Page<KnowledgeSource>(added, null));
    }

    public static async Task<Results<Ok<KnowledgeSource>, NotFound>> GetAsync(IGrainFactory grains, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var source = await knowledge.GetSourceAsync(Paging.Id(sourceId, "Source"));
        return source is null ? TypedResults.NotFound() : TypedResults.Ok(source);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var source = await knowledge.GetSourceAsync(Paging.Id(sourceId, "Source"));
        if (source is null || !await knowledge.DeleteSourceAsync(sourceId))
        {
            return TypedResults.NotFound();
        }

        await RecordAsync(http, audit, "source.deleted", source);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<KnowledgeSource>> SyncAsync(HttpContext http, IGrainFactory grains, AuditTrail audit, string botId, string sourceId)
    {
        var knowledge = await KnowledgeOfAsync(grains, botId);
        var source = await knowledge.SyncSourceAsync(Paging.Id(sourceId, "Source"));
        await RecordAsync(http, audit, "source.sync_requested", source);
        return TypedResults.Ok(source);
    }

    private static Task RecordAsync(HttpContext http, AuditTrail audit, string action, KnowledgeSource source) =>
        audit.RecordAsync(http, http.GetWorkspaceAccess().WorkspaceId, action, "source", source.Id, AuditChanges.Between(
            action == "source.deleted" ? new { source.BotId, source.Type, source.Title, source.Url } : null,
            action == "source.deleted" ? null : new { source.BotId, source.Type, source.Title, source.Url }));

    public static async Task<Ok<IReadOnlyList<KnowledgeHit>>> SearchAsync(IGrainFactory grains, string botId, SearchRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Query) || request.Query.Length > 4000)
        {
            errors["query"] = ["Is required, at most 4000 characters."];
        }

        if (request.TopK is < 1 or > 50)
        {
            errors["topK"] = ["Must be between 1 and 50."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        // The bot's own retrieval settings, so the dashboard's retrieval test shows what a reply would rest on.
        var id = Paging.Id(botId, "Chatbot");
        var bot = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        var hits = await grains.GetGrain<IKnowledgeGrain>(id).RetrieveAsync(request.Query!, request.TopK ?? 5, bot.Settings.Knowledge ?? new());
        return TypedResults.Ok(hits);
    }

    private static Created<KnowledgeSource> Created(string botId, KnowledgeSource value) =>
        TypedResults.Created($"/api/v1/chatbots/{botId}/sources/{value.Id}", value);

    internal static async Task<IKnowledgeGrain> KnowledgeOfAsync(IGrainFactory grains, string botId)
    {
        var id = Paging.Id(botId, "Chatbot");
        _ = await grains.GetGrain<IChatbotGrain>(id).GetAsync() ?? throw new NotFoundException("Chatbot", id);
        return grains.GetGrain<IKnowledgeGrain>(id);
    }
}
