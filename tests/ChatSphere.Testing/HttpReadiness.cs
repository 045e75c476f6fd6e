using System.Net;

namespace ChatSphere.Testing;

/// <summary>Waits for a server under test to answer a readiness path with 200.</summary>
public static class HttpReadiness
{
    public static async Task WaitAsync(HttpClient http, string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{http.BaseAddress}{path} did not answer 200 within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
