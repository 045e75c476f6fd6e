using System.Text;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Every source type goes from queued to indexed in the background and is then found by search, with its citation data.</summary>
[Collection(IngestionCollection.Name)]
public sealed class SourceTypeTests(IngestionClusterFixture fixture)
{
    [Fact]
    public async Task A_text_source_is_queued_then_indexed_with_counts_and_found()
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        var text = "# Opening hours\n\nThe shop on Baker Street opens at nine in the morning and closes at six.\n\n"
            + "# Parking\n\nVisitors park for free in the garage behind the building.";

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Shop facts", Text = text });
        var indexed = await knowledge.SettledAsync(added.Id);
        var hits = await knowledge.SearchAsync("Where can I park my car?", 3);

        Assert.Equal(SourceStatus.Queued, added.Status);
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal((1, 2, 1.0), (indexed.Pages, indexed.Chunks, indexed.Progress));
        Assert.True(indexed.Characters > 100);
        Assert.NotNull(indexed.LastSyncedAt);
        Assert.Equal(64, indexed.ContentHash!.Length);
        Assert.Null(indexed.Stage);
        Assert.Equal(added.Id, hits[0].SourceId);
        Assert.Equal(SourceType.Text, hits[0].Type);
        Assert.Contains("garage behind the building", hits[0].Text, StringComparison.Ordinal);
        Assert.Equal("Shop facts > Parking", hits[0].Title);
        Assert.Equal(2, await knowledge.CountIndexedAsync());
    }

    [Theory]
    [InlineData("guide.md")]
    [InlineData("guide.pdf")]
    [InlineData("guide.docx")]
    [InlineData("guide.html")]
    [InlineData("guide.txt")]
    [InlineData("guide.csv")]
    public async Task An_uploaded_file_of_each_format_is_indexed_and_found(string fileName)
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        const string fact = "The warranty on every espresso machine lasts three years.";
        var content = Path.GetExtension(fileName) switch
        {
            ".md" => Encoding.UTF8.GetBytes($"# Warranty\n\n{fact}\n"),
            ".pdf" => TestDocuments.Pdf("Warranty", fact),
            ".docx" => TestDocuments.Docx("Warranty", fact, [], [["Product", "Years"]]),
            ".html" => Encoding.UTF8.GetBytes($"<html><head><title>Warranty</title></head><body><nav>Menu</nav><p>{fact}</p></body></html>"),
            ".csv" => Encoding.UTF8.GetBytes($"topic,text\nwarranty,\"{fact}\"\n"),
            _ => Encoding.UTF8.GetBytes(fact),
        };

        var added = await knowledge.AddFileAsync(new NewFile { FileName = fileName, ContentType = "application/octet-stream", Content = content });
        var indexed = await knowledge.SettledAsync(added.Id);
        var hits = await knowledge.SearchAsync("How long is the espresso machine warranty?", 1);

        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal((fileName, (long?)content.Length), (indexed.FileName, indexed.SizeBytes));
        Assert.Equal(added.Id, hits[0].SourceId);
        Assert.Contains("three years", hits[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_source_is_fetched_and_cited_with_its_url()
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        fixture.Site.Page("/url/returns", "<html><head><title>Returns</title></head><body><main><h1>Returns</h1>"
            + "<p>Unused goods can be sent back within forty days for a full refund.</p></main></body></html>");
        var url = fixture.Site.Url("/url/returns").AbsoluteUri;

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = url });
        var indexed = await knowledge.SettledAsync(added.Id);
        var hit = (await knowledge.SearchAsync("Can I send goods back for a refund?", 1)).Single();

        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal("Returns", indexed.Title);
        Assert.Equal((added.Id, url), (hit.SourceId, hit.Url));
        Assert.StartsWith("Returns", hit.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_resync_keeps_what_was_indexed_searchable_and_counted()
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        fixture.Site.Page("/url/menu", "<html><head><title>Menu</title></head><body><p>The lunch menu changes every Wednesday.</p></body></html>");
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = fixture.Site.Url("/url/menu").AbsoluteUri, Title = "Lunch" });
        var indexed = await knowledge.SettledAsync(added.Id);

        fixture.Site.Remove("/url/menu");
        await knowledge.SyncSourceAsync(added.Id);
        var failed = await knowledge.SettledAsync(added.Id, after: indexed.UpdatedAt);

        Assert.Equal("Lunch", indexed.Title);
        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains("answered 404", failed.Error, StringComparison.Ordinal);
        Assert.Equal((indexed.Pages, indexed.Chunks), (failed.Pages, failed.Chunks));
        Assert.Equal(added.Id, (await knowledge.SearchAsync("When does the lunch menu change?", 1)).Single().SourceId);
    }

    [Fact]
    public async Task Bulk_qa_import_indexes_every_pair_or_none()
    {
        var (_, knowledge) = await fixture.NewBotAsync();

        var invalid = await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.ImportQaAsync(
            [new QaPair("Do you deliver on Sundays?", "No, Monday to Saturday."), new QaPair("Missing answer?", " ")]));
        var imported = await knowledge.ImportQaAsync(
            [new QaPair("Do you deliver on Sundays?", "No, Monday to Saturday."), new QaPair("Can I pay by invoice?", "Yes, for business customers.")]);
        var hit = (await knowledge.SearchAsync("Is delivery possible on a Sunday?", 1)).Single();

        Assert.Equal(["items[1].answer"], invalid.Errors.Keys);
        Assert.Equal(2, imported.Count);
        Assert.All(imported, s => Assert.Equal(SourceStatus.Indexed, s.Status));
        Assert.Equal((imported[0].Id, "Do you deliver on Sundays?", "No, Monday to Saturday."), (hit.SourceId, hit.Question, hit.Text));
        Assert.Equal(2, (await knowledge.ListSourcesAsync(null, 10)).Items.Count);
    }

    [Fact]
    public async Task Deleting_a_source_removes_its_chunks_and_stops_citations_at_once()
    {
        var (botId, knowledge) = await fixture.NewBotAsync();
        var kept = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Pets", Text = "Dogs are welcome in the shop." });
        var removed = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Gift cards", Text = "Gift cards never expire and work online too." });
        await knowledge.SettledAsync(kept.Id);
        await knowledge.SettledAsync(removed.Id);
        Assert.Equal(removed.Id, (await knowledge.SearchAsync("Do gift cards expire?", 1))[0].SourceId);

        Assert.True(await knowledge.DeleteSourceAsync(removed.Id));

        Assert.DoesNotContain(await knowledge.SearchAsync("Do gift cards expire?", 10), h => h.SourceId == removed.Id);
        Assert.Null(await knowledge.GetSourceAsync(removed.Id));
        var chunks = fixture.SiloServices.GetRequiredService<ChunkStore>();
        Assert.Empty(await chunks.ListChunkIdsAsync(botId, removed.Id, ""));
        Assert.Single(await chunks.ListChunkIdsAsync(botId, kept.Id, ""));
        Assert.Equal(1, await knowledge.CountIndexedAsync());
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file.txt")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path")]
    public async Task Urls_that_are_not_http_are_refused_on_input(string url)
    {
        var (_, knowledge) = await fixture.NewBotAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = url }));

        Assert.Equal(["url"], error.Errors.Keys);
    }
}
