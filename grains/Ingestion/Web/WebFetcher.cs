using System.Net;
using System.Net.Http.Headers;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ingestion.Web;

/// <summary>A response body fetched from the web, with where it finally came from.</summary>
public sealed record FetchedResource(Uri Url, string? MediaType, string? Charset, byte[] Body);

/// <summary>
/// Fetches one URL for ingestion: http and https only, redirects followed one at a time (each target checked
/// again, loops and long chains refused), one time limit for the whole exchange, and bodies read only up to the size
/// limit. Every failure becomes an <see cref="IngestionException"/> naming the cause.
/// </summary>
public sealed class WebFetcher(HttpClient http, IOptions<IngestionOptions> options)
{
    public async Task<FetchedResource> FetchAsync(Uri url, CancellationToken cancellationToken, long? maxBytes = null)
    {
        var settings = options.Value;
        var limit = maxBytes ?? settings.MaxResponseBytes;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = url;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RequestTimeout);
        try
        {
            for (var hop = 0; ; hop++)
            {
                if (current.Scheme != Uri.UriSchemeHttp && current.Scheme != Uri.UriSchemeHttps)
                {
                    throw new IngestionException($"Only http and https URLs can be fetched, not '{current.Scheme}:' ({current}).");
                }

                if (!seen.Add(current.AbsoluteUri))
                {
                    throw new IngestionException($"Redirect loop: {current} redirects back to itself.");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.UserAgent.ParseAdd(settings.UserAgent);
                request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/pdf,text/plain,text/markdown,*/*;q=0.5");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    if (hop >= settings.MaxRedirects)
                    {
                        throw new IngestionException($"Too many redirects (more than {settings.MaxRedirects}) from {url}.");
                    }

                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new IngestionException($"The server answered {(int)response.StatusCode} {response.ReasonPhrase} for {current}.");
                }

                if (response.Content.Headers.ContentLength > limit)
                {
                    throw new IngestionException($"{current} is larger than the limit of {limit} bytes.");
                }

                var body = await ReadCappedAsync(response.Content, limit, current, timeout.Token);
                var type = response.Content.Headers.ContentType;
                return new FetchedResource(current, type?.MediaType, type?.CharSet, body);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IngestionException($"{current} did not answer within {settings.RequestTimeout.TotalSeconds:0} seconds.");
        }
        catch (HttpRequestException exception) when (Find<BlockedAddressException>(exception) is { } blocked)
        {
            throw new IngestionException($"Blocked: {blocked.Message}", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new IngestionException($"{current} could not be fetched: {exception.Message}", exception);
        }
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long limit, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new IngestionException($"{url} is larger than the limit of {limit} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T found)
            {
                return found;
            }
        }

        return null;
    }
}
