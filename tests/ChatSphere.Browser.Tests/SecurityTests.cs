using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Browser.Tests;

/// <summary>Sites a bot does not allow are refused; no answer or visitor text can run script or break the markup.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityTests(WidgetFixture fixture)
{
    /// <summary>Each line tries a different way to run script or inject markup.</summary>
    private static readonly string[] Corpus =
    [
        "<img src=x onerror=\"parent.__xss=1;window.__xss=1\">",
        "<script>parent.__xss=1;window.__xss=1</script>",
        "<svg onload=\"parent.__xss=1\"><circle r=5></svg>",
        "<a href=\"javascript:parent.__xss=1\">click me</a>",
        "[click me](javascript:parent.__xss=1)",
        "[data link](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)",
        "\"><iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
        "<style>*{display:none}</style><b onmouseover=\"parent.__xss=1\">hover</b>",
        "{{constructor.constructor('parent.__xss=1')()}}",
    ];

    [Fact]
    public async Task A_page_on_an_origin_the_bot_does_not_allow_is_refused_with_a_clear_error()
    {
        var botId = await fixture.CreateBotAsync();
        await using var context = await fixture.NewVisitorAsync();
        var widget = new Widget(await fixture.OpenHostPageAsync(context, fixture.Pages.OtherOrigin, botId), botId);
        await widget.OpenAsync();
        await Assertions.Expect(widget.Banner).ToContainTextAsync("This chat is not available on this website.");
        await Assertions.Expect(widget.Banner).ToContainTextAsync(fixture.Pages.OtherOrigin);
        await Assertions.Expect(widget.Input).ToBeDisabledAsync();

        // The same bot works on the allowed origin.
        await using var allowedContext = await fixture.NewVisitorAsync();
        var allowed = new Widget(await fixture.OpenHostPageAsync(allowedContext, null, botId), botId);
        await allowed.OpenAsync();
        await Assertions.Expect(allowed.Ui.Locator(".cs-root[data-conversation]")).ToHaveCountAsync(1);
        await Assertions.Expect(allowed.Banner).ToBeHiddenAsync();

        // So does the REST chat endpoint: a browser request from the other origin gets 403.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/chat/{botId}/messages") { Content = JsonContent.Create(new { text = "hi" }) };
        request.Headers.Add("Origin", fixture.Pages.OtherOrigin);
        using var response = await fixture.Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Script_and_markup_in_answers_and_visitor_messages_never_run_and_show_as_text()
    {
        var botId = await fixture.CreateBotAsync();
        await fixture.AddQaAsync(botId, "Show me the test corpus", string.Join("\n\n", Corpus));
        await using var context = await fixture.NewVisitorAsync();
        var page = await fixture.OpenHostPageAsync(context, null, botId);
        var dialogs = 0;
        page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref dialogs);
            await dialog.DismissAsync();
        };
        var widget = new Widget(page, botId);
        await widget.OpenAsync();

        await widget.SendAsync("Show me the test corpus");
        var answer = await widget.CompleteReplyAsync(2);
        await widget.SendAsync(string.Join("\n", Corpus));
        await Assertions.Expect(widget.Ui.Locator("li[data-seq='3']")).ToBeVisibleAsync();
        await widget.CompleteReplyAsync(4);

        var question = await widget.Ui.Locator("li[data-seq='3'] .cs-bubble").InnerTextAsync();
        foreach (var attack in Corpus.Where(a => !a.StartsWith('[')))
        {
            Assert.Contains(attack, answer, StringComparison.Ordinal);
            Assert.Contains(attack, question, StringComparison.Ordinal);
        }

        // Hover and click everything that came from a message, then look for any effect.
        foreach (var bubble in await widget.Ui.Locator(".cs-messages .cs-bubble").AllAsync())
        {
            await bubble.HoverAsync();
        }

        await page.WaitForTimeoutAsync(300);
        Assert.Equal(0, dialogs);
        Assert.Null(await page.EvaluateAsync<int?>("window.__xss ?? null"));
        Assert.Null(await widget.EvalAsync<int?>("window.__xss ?? null"));

        // Only the renderer's own elements exist inside messages, and every link is http(s) or mailto.
        var foreign = await widget.EvalAsync<string[]>(
            "Array.from(document.querySelectorAll('.cs-messages .cs-bubble *')).map(e => e.tagName.toLowerCase())" +
            ".filter(t => !['p','br','strong','em','code','pre','ul','ol','li','a','sup','span'].includes(t))");
        Assert.Empty(foreign);
        var hrefs = await widget.EvalAsync<string[]>("Array.from(document.querySelectorAll('.cs-messages a')).map(a => a.href)");
        Assert.All(hrefs, h => Assert.Matches("^(https?|mailto):", h));
        // The markup around the messages is intact: still one list, two bubbles per exchange.
        await Assertions.Expect(widget.Messages).ToHaveCountAsync(4);
        await Assertions.Expect(widget.Ui.Locator(".cs-messages")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_frame_is_served_with_a_content_security_policy()
    {
        using var response = await fixture.Api.Http.GetAsync("widget/frame.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }
}
