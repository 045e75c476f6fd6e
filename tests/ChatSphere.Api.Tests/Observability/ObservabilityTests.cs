using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChatSphere.Api.Tests.Cluster;
using ChatSphere.Api.Tests.Security;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Xunit.Abstractions;

namespace ChatSphere.Api.Tests.Observability;

/// <summary>
/// The cluster shape made observable: a dedicated silo process and an API node in client mode, both exporting traces to
/// an OTLP/HTTP receiver on loopback through the standard <c>OTEL_*</c> settings. The silo serves health and metrics on
/// <c>ASPNETCORE_URLS</c>; one chat message is one trace from the hub to the storage commit; the Orleans dashboard
/// answers the configured operator secret only.
/// </summary>
public sealed class ObservabilityTests(ObservedCluster cluster, ITestOutputHelper output) : IClassFixture<ObservedCluster>
{
    [Fact]
    public async Task The_dedicated_silo_serves_health_and_its_grain_meters_on_its_own_url()
    {
        Assert.Equal(HttpStatusCode.OK, (await cluster.SiloHttp.GetAsync("/health/live")).StatusCode);
        await HttpReadiness.WaitAsync(cluster.SiloHttp, "/health/ready", TimeSpan.FromSeconds(30));

        using var user = await cluster.Api.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await user.Http.AskAsync(bot.Id, "hello there");

        // The conversation grain ran on the silo (the API node is only a client): its meter is the silo's to export.
        var scraped = "";
        for (var attempt = 0; attempt < 50 && !scraped.Contains("chatsphere_messages_received", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            using var response = await cluster.SiloHttp.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType);
            scraped = await response.Content.ReadAsStringAsync();
        }

        Assert.Contains("chatsphere_messages_received", scraped);
        Assert.Contains("chatsphere_replies", scraped);
        Assert.Contains("chatsphere_reply_time_to_first_token", scraped);
    }

    [Fact]
    public async Task One_chat_message_is_one_trace_from_the_hub_through_the_grain_retrieval_and_model_to_the_commit()
    {
        using var user = await cluster.Api.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await user.Http.AddQaAsync(bot.Id, "How long does shipping take?", "Parcels ship within two days.");
        await using var hub = cluster.Api.Hub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "trace-1", "How long does shipping take?"));
        Assert.Equal(ChatEventType.Done, events[^1].Type);

        string[] steps = ["chat.reply", "chat.retrieve", "chat.model", "chat.commit"];
        var spans = await cluster.Otlp.WaitForAsync(
            all => all.Where(s => s.Name == "chat.send").Any(send => steps.All(step => all.Any(s => s.Name == step && s.TraceId == send.TraceId))),
            TimeSpan.FromSeconds(30));

        var root = spans.First(s => s.Name == "chat.send" && steps.All(step => spans.Any(t => t.Name == step && t.TraceId == s.TraceId)));
        Assert.Equal("chatsphere-api", root.Service);
        Assert.Equal("", root.ParentSpanId);
        var trace = spans.Where(s => s.TraceId == root.TraceId).ToDictionary(s => s.SpanId);
        foreach (var span in trace.Values)
        {
            output.WriteLine($"{span.Service} {span.Scope} {span.Name} <- {string.Join(" <- ", PathToRoot(trace, span).Skip(1).Select(s => s.Name))}");
        }

        foreach (var step in steps)
        {
            var span = trace.Values.First(s => s.Name == step);
            Assert.Equal("chatsphere-silo", span.Service);
            var path = PathToRoot(trace, span);
            Assert.True(path[^1] == root, $"{step} does not lead to chat.send: {string.Join(" <- ", path.Select(s => s.Name))}");
            // It crossed from the API node to the silo as an Orleans grain call, not by luck of ids.
            Assert.Contains(path, s => s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Service == "chatsphere-silo");
        }

        // Retrieval, the model and the reply's commit all happen within the reply.
        var reply = trace.Values.First(s => s.Name == "chat.reply");
        Assert.Contains(reply, PathToRoot(trace, trace.Values.First(s => s.Name == "chat.model")));
        Assert.Contains(reply, PathToRoot(trace, trace.Values.First(s => s.Name == "chat.retrieve")));
        Assert.Contains(trace.Values, s => s.Name == "chat.commit" && PathToRoot(trace, s).Contains(reply));

        // The next message is a trace of its own, though it travels the same hub connection.
        var second = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "trace-2", "and returns?"));
        Assert.Equal(ChatEventType.Done, second[^1].Type);
        var both = await cluster.Otlp.WaitForAsync(all => all.Count(s => s.Name == "chat.send") >= 2, TimeSpan.FromSeconds(30));
        Assert.Equal(both.Count(s => s.Name == "chat.send"), both.Where(s => s.Name == "chat.send").Select(s => s.TraceId).Distinct().Count());
    }

    [Fact]
    public async Task Log_events_carry_the_trace_id_of_the_request_they_belong_to()
    {
        using var user = await cluster.Api.RegisterAsync();
        var bot = await user.Http.CreateBotAsync();
        await user.Http.AskAsync(bot.Id, "is anyone there?");

        // The request log line is written once the response has gone, so it may follow the answer by a moment.
        var logged = await Eventually.ReturnsAsync(
            () => Task.FromResult(cluster.Logs.Events.LastOrDefault(e => CapturedLogs.Text(e, "RequestPath") is { } path && path.Contains(bot.Id, StringComparison.Ordinal))),
            e => e is not null,
            $"the request log line of the chat with {bot.Id}",
            TimeSpan.FromSeconds(30));
        Assert.NotNull(logged!.TraceId);
        var traceId = logged.TraceId!.Value.ToHexString();
        // The same trace went on into the silo: the conversation grain's reply is in it.
        var spans = await cluster.Otlp.WaitForAsync(all => all.Any(s => s.TraceId == traceId && s.Name == "chat.reply"), TimeSpan.FromSeconds(30));
        Assert.Contains(spans, s => s.TraceId == traceId && s.Service == "chatsphere-api");
    }

    [Theory]
    [InlineData("api")]
    [InlineData("silo")]
    public async Task The_orleans_dashboard_answers_the_operator_secret_only(string node)
    {
        var baseAddress = node == "api" ? cluster.Api.BaseAddress : cluster.SiloHttp.BaseAddress!;
        using var user = await cluster.Api.RegisterAsync();
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var anonymous = await http.GetAsync("/orleans/");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "/orleans/", new AuthenticationHeaderValue("Bearer", user.AccessToken))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "/orleans/", new AuthenticationHeaderValue("Bearer", ObservedCluster.OperatorToken + "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(http, "/orleans/", Basic("operator", "wrong"))).StatusCode);

        using var asOperator = await Send(http, "/orleans/", Basic("operator", ObservedCluster.OperatorToken));
        Assert.Equal(HttpStatusCode.OK, asOperator.StatusCode);
        Assert.Contains("<html", await asOperator.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        using var byBearer = await Send(http, "/orleans/", new AuthenticationHeaderValue("Bearer", ObservedCluster.OperatorToken));
        Assert.Equal(HttpStatusCode.OK, byBearer.StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    private static async Task<HttpResponseMessage> Send(HttpClient http, string path, AuthenticationHeaderValue authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        return await http.SendAsync(request);
    }

    /// <summary>The span, its parent, its parent's parent... as far as the trace holds them.</summary>
    private static List<ReceivedSpan> PathToRoot(Dictionary<string, ReceivedSpan> trace, ReceivedSpan span)
    {
        var path = new List<ReceivedSpan> { span };
        while (path[^1].ParentSpanId is { Length: > 0 } parent && trace.TryGetValue(parent, out var next) && path.Count < 64)
        {
            path.Add(next);
        }

        return path;
    }
}

/// <summary>The processes the observability tests share: a silo process, an API node in client mode and the OTLP receiver.</summary>
public sealed class ObservedCluster : IAsyncLifetime
{
    public const string OperatorToken = "operator-secret-for-the-observability-tests-0123456789";
    private readonly TestSqlite _data = new();
    private readonly TestPostgres _postgres = new();
    public CapturedLogs Logs { get; } = new();
    public OtlpReceiver Otlp { get; private set; } = null!;
    private SiloProcess _silo = null!;
    public HttpClient SiloHttp { get; private set; } = null!;
    public ApiHost Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // Stop the silo process now: a fixture whose set-up failed is not disposed.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Otlp = await OtlpReceiver.StartAsync();
        var postgres = await _postgres.CreateDatabaseAsync();
        var clusterId = "observe-" + Guid.NewGuid().ToString("N")[..8];
        var extra = ClusterSettings.Extra(_data.Folder, tokenCount: 5, tokenDelayMs: 0);
        extra["OTEL_EXPORTER_OTLP_ENDPOINT"] = Otlp.Endpoint;
        extra["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        // Batches every 200 ms instead of 5 s, so the test sees its spans soon.
        extra["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        extra["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        extra["ChatSphere__Operators__Token"] = OperatorToken;

        var siloUrl = $"http://127.0.0.1:{FreeTcpPort.Next()}";
        var siloEnvironment = new Dictionary<string, string>(extra)
        {
            ["ASPNETCORE_URLS"] = siloUrl,
            ["OTEL_SERVICE_NAME"] = "chatsphere-silo",
        };
        _silo = SiloProcess.Start(ClusterSettings.Silo(postgres, clusterId, _data.Folder), siloEnvironment);
        await _silo.WaitStartedAsync(TimeSpan.FromSeconds(120));
        SiloHttp = new HttpClient { BaseAddress = new Uri(siloUrl), Timeout = TimeSpan.FromSeconds(30) };

        var configuration = ClusterSettings.ForHost(ClusterSettings.Silo(postgres, clusterId, _data.Folder), extra);
        configuration["ChatSphere:Api:Mode"] = "client";
        configuration["OTEL_SERVICE_NAME"] = "chatsphere-api";
        // The request log (Information) is what the trace-id test reads.
        configuration["Serilog:MinimumLevel:Default"] = "Information";
        Api = await ApiHost.StartAsync(_data.Folder, configuration, services => services.AddSingleton<ILogEventSink>(Logs));
    }

    public async Task DisposeAsync()
    {
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }

        SiloHttp?.Dispose();
        _silo?.Dispose();
        if (Otlp is not null)
        {
            await Otlp.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        _data.Dispose();
    }
}
