using System.Text;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>
/// Bad documents and hostile or broken URLs each end in status failed with a clear reason, while a good source
/// added beside them is indexed as usual.
/// </summary>
[Collection(IngestionCollection.Name)]
public sealed class BadInputTests(IngestionClusterFixture fixture)
{
    private LoopbackSite Site => fixture.Site;

    public static TheoryData<string, string, string> BadFiles() => new()
    {
        { "corrupt.pdf", "corrupt-pdf", "not a readable PDF" },
        { "secret.pdf", "encrypted-pdf", "encrypted" },
        { "bomb.docx", "zip-bomb", "zip bomb" },
        { "empty.txt", "empty", "The file is empty." },
        { "photo.txt", "binary", "binary, not text" },
        { "photo.pdf", "binary", "not a PDF file" },
    };

    [Theory, MemberData(nameof(BadFiles))]
    public async Task A_bad_file_fails_with_a_reason_and_a_good_one_beside_it_is_indexed(string fileName, string kind, string reason)
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        byte[] content = kind switch
        {
            "corrupt-pdf" => TestDocuments.Pdf("x", "text")[..300],
            "encrypted-pdf" => TestDocuments.EncryptedPdf(),
            "zip-bomb" => TestDocuments.ZipBombDocx(40_000_000),
            "empty" => [],
            _ => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
        };

        var bad = await knowledge.AddFileAsync(new NewFile { FileName = fileName, Content = content });
        var good = await knowledge.AddFileAsync(new NewFile { FileName = "good.txt", Content = Encoding.UTF8.GetBytes("Our hotline answers around the clock.") });

        var failed = await knowledge.SettledAsync(bad.Id);
        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains(reason, failed.Error, StringComparison.Ordinal);
        Assert.Equal(0, failed.Chunks);
        Assert.Equal(SourceStatus.Indexed, (await knowledge.SettledAsync(good.Id)).Status);
        Assert.All(await knowledge.SearchAsync("hotline", 10), h => Assert.Equal(good.Id, h.SourceId));
    }

    [Theory]
    [InlineData("http://localhost:{port}/page")]
    [InlineData("http://[::1]:{port}/page")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://0.0.0.0:{port}/")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/")]
    public async Task Private_loopback_and_metadata_addresses_are_blocked(string template)
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        Site.Page("/bad/page", "<p>Reachable only on loopback.</p>");
        var url = template.Replace("{port}", Site.BaseUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = url });
        var failed = await knowledge.SettledAsync(added.Id);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.StartsWith("Blocked:", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_a_blocked_address_is_blocked_after_the_redirect()
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        Site.Page("/bad/secret", "<p>Internal only.</p>");
        Site.Redirect("/bad/jump", $"http://localhost:{Site.BaseUrl.Port}/bad/secret");

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = Site.Url("/bad/jump").AbsoluteUri });
        var failed = await knowledge.SettledAsync(added.Id);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains("'localhost'", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/bad/secret", Site.Requests);
    }

    [Theory]
    [InlineData("loop", "Redirect loop")]
    [InlineData("chain", "Too many redirects")]
    [InlineData("scheme", "Only http and https")]
    [InlineData("slow", "did not answer within 2 seconds")]
    [InlineData("missing", "answered 404")]
    [InlineData("huge", "larger than the limit")]
    public async Task Broken_servers_end_in_a_clear_failure(string kind, string reason)
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        var path = $"/broken/{kind}/{Guid.NewGuid():N}";
        switch (kind)
        {
            case "loop":
                Site.Redirect(path, path + "/b");
                Site.Redirect(path + "/b", path);
                break;
            case "chain":
                for (var i = 0; i < 8; i++)
                {
                    Site.Redirect(path + (i == 0 ? "" : "/" + i), path + "/" + (i + 1));
                }

                break;
            case "scheme":
                Site.Redirect(path, "file:///etc/passwd");
                break;
            case "slow":
                Site.Slow(path, TimeSpan.FromSeconds(30));
                break;
            case "huge":
                Site.Bytes(path, new byte[4_000_000], "text/html");
                break;
        }

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = Site.Url(path).AbsoluteUri });
        var failed = await knowledge.SettledAsync(added.Id);

        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains(reason, failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_of_megabytes_of_script_keeps_only_its_text()
    {
        var (_, knowledge) = await fixture.NewBotAsync();
        var script = new StringBuilder("<script>");
        script.Append('x', 1_200_000).Append("</script>");
        Site.Page("/bad/scripted", $"<html><head><title>Scripted</title>{script}</head><body><p>The museum is closed on Mondays.</p>{script}</body></html>");

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = Site.Url("/bad/scripted").AbsoluteUri });
        var indexed = await knowledge.SettledAsync(added.Id);

        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.Equal((1, 1), (indexed.Pages, indexed.Chunks));
        Assert.True(indexed.Characters < 100);
    }
}
