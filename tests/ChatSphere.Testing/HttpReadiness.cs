using System.Net;

namespace ChatSphere.Testing;

/// <summary>Waits for a server under test to answer a readiness path with 200.</summary>
public static class HttpReadiness
{
    public static Task WaitAsync(HttpClient http, string path, TimeSpan timeout) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await http.GetAsync(path);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.OK,
            $"{http.BaseAddress}{path} to answer 200",
            timeout,
            retryOn: e => e is HttpRequestException);
}
