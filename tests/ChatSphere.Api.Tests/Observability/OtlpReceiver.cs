using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Api.Tests.Observability;

/// <summary>One span as an OTLP exporter sent it: ids in hex, the exporting process's <c>service.name</c>.</summary>
public sealed record ReceivedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope, string Service);

/// <summary>
/// An OTLP/HTTP collector on loopback (<c>POST /v1/traces</c>, protobuf), the way the exporters configured by the
/// standard <c>OTEL_*</c> variables reach a real one. It decodes the spans itself from the protobuf wire format
/// (ExportTraceServiceRequest, opentelemetry-proto), and accepts metrics and logs without reading them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    public IReadOnlyList<ReceivedSpan> Spans => _spans.ToArray();

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            foreach (var span in Decode(body.ToArray()))
            {
                receiver._spans.Enqueue(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/{signal}", () => Results.Bytes([], "application/x-protobuf"));
        await app.StartAsync();
        receiver.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    /// <summary>Waits until the spans received satisfy <paramref name="done"/>; the exporters send in batches.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForAsync(Func<IReadOnlyList<ReceivedSpan>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var spans = Spans;
            if (done(spans))
            {
                return spans;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Spans received: " + string.Join(", ", spans.Select(s => $"{s.Service}/{s.Name}")));
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
    // Resource { repeated KeyValue attributes = 1; }   KeyValue { string key = 1; AnyValue value = 2; }   AnyValue { string string_value = 1; ... }
    // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }   InstrumentationScope { string name = 1; ... }
    // Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5; ... }
    internal static List<ReceivedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ReceivedSpan>();
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var scoped = new List<(string Scope, byte[] Span)>();
            foreach (var (part, value) in Fields(resourceSpans))
            {
                if (part == 1)
                {
                    service = ServiceName(value) ?? service;
                }
                else if (part == 2)
                {
                    var scope = "";
                    foreach (var (inner, content) in Fields(value))
                    {
                        if (inner == 1)
                        {
                            scope = Text(content, 1) ?? "";
                        }
                        else if (inner == 2)
                        {
                            scoped.Add((scope, content));
                        }
                    }
                }
            }

            foreach (var (scope, span) in scoped)
            {
                string traceId = "", spanId = "", parent = "", name = "";
                foreach (var (f, v) in Fields(span))
                {
                    switch (f)
                    {
                        case 1: traceId = Convert.ToHexStringLower(v); break;
                        case 2: spanId = Convert.ToHexStringLower(v); break;
                        case 4: parent = Convert.ToHexStringLower(v); break;
                        case 5: name = System.Text.Encoding.UTF8.GetString(v); break;
                    }
                }

                spans.Add(new ReceivedSpan(traceId, spanId, parent, name, scope, service));
            }
        }

        return spans;
    }

    private static string? ServiceName(byte[] resource)
    {
        foreach (var (field, attribute) in Fields(resource))
        {
            if (field == 1 && Text(attribute, 1) == "service.name")
            {
                return Fields(attribute).Where(f => f.Field == 2).Select(f => Text(f.Value, 1)).FirstOrDefault();
            }
        }

        return null;
    }

    private static string? Text(byte[] message, int field) =>
        Fields(message).Where(f => f.Field == field).Select(f => System.Text.Encoding.UTF8.GetString(f.Value)).FirstOrDefault();

    /// <summary>The length-delimited fields of a message (numbers and fixed-width fields are skipped: no field read here is one).</summary>
    private static List<(int Field, byte[] Value)> Fields(ReadOnlySpan<byte> message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((field, message.Slice(at, length).ToArray()));
                    at += length;
                    break;
                default: throw new InvalidDataException($"Unexpected protobuf wire type {key & 7}.");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
