using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.Grains.Ai.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 4: the embeddings API is bounded, needs a workspace, and is limited and metered per workspace.</summary>
[Collection(SecurityApiCollection.Name)]
public sealed class EmbeddingsLimitsTests(SecurityApiFixture fixture)
{
    private const string Model = "all-MiniLM-L6-v2";

    [Fact]
    public async Task Too_many_or_too_long_texts_are_400_and_too_large_a_body_413_in_OpenAIs_shape()
    {
        var (owner, _) = await fixture.OwnerWithBotAsync();

        using var many = await owner.Http.PostAsJsonAsync("api/v1/embeddings",
            new { model = Model, input = Enumerable.Repeat("short", SecurityApiFixture.MaxEmbeddingInputs + 1).ToArray() });
        using var longOne = await owner.Http.PostAsJsonAsync("api/v1/embeddings",
            new { model = Model, input = new string('a', SecurityApiFixture.MaxEmbeddingChars + 1) });
        using var large = await owner.Http.PostAsJsonAsync("api/v1/embeddings",
            new { model = Model, input = new string('a', SecurityApiFixture.MaxEmbeddingBytes) });

        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("input", (await ErrorAsync(many)).GetProperty("param").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, longOne.StatusCode);
        Assert.Equal("input_too_long", (await ErrorAsync(longOne)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal("request_too_large", (await ErrorAsync(large)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_person_embeds_for_a_workspace_they_belong_to_and_it_is_metered_there()
    {
        var (owner, _) = await fixture.OwnerWithBotAsync();
        using var stranger = await fixture.Host.RegisterAsync();

        using var elsewhere = await stranger.Http.PostAsJsonAsync($"api/v1/embeddings?workspaceId={owner.WorkspaceId}", new { model = Model, input = "hello" });
        using var own = await owner.Http.PostAsJsonAsync("api/v1/embeddings", new { model = Model, input = new[] { "one", "two" } });

        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var now = DateTimeOffset.UtcNow;
        var metered = await fixture.Host.Services.GetRequiredService<EmbeddingUsageStore>().GetMonthAsync(owner.WorkspaceId, now.Year, now.Month);
        Assert.Equal((1L, 2L), (metered.Requests, metered.Inputs));
        Assert.True(metered.Tokens > 0);
    }

    [Fact]
    public async Task Past_the_workspaces_rate_the_answer_is_429_with_Retry_After_for_JWT_and_API_key_callers_alike()
    {
        var (owner, _) = await fixture.OwnerWithBotAsync();
        using var create = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Embed", scopes = new[] { "chat" } }, ApiHost.Json);
        using var key = fixture.Host.Client((await create.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!.Secret);
        var batch = new { model = Model, input = Enumerable.Range(0, SecurityApiFixture.MaxEmbeddingInputs).Select(i => $"text {i}").ToArray() };

        using var first = await owner.Http.PostAsJsonAsync("api/v1/embeddings", batch);
        using var byJwt = await owner.Http.PostAsJsonAsync("api/v1/embeddings", batch);
        using var byKey = await key.PostAsJsonAsync("api/v1/embeddings", batch);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, byJwt.StatusCode);
        Assert.NotNull(byJwt.Headers.RetryAfter?.Delta);
        Assert.Equal("rate_limit_exceeded", (await ErrorAsync(byJwt)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, byKey.StatusCode);
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
}
