using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ChatSphere.Api.Tests.OpenApi;

/// <summary>
/// The live OpenAPI document (<c>/openapi/v1.json</c> of a running API): every operation declares the path
/// parameters of its route and has a description, and Spectral's <c>spectral:oas</c> ruleset finds no error in it.
/// Spectral is the npm package in tests/openapi-lint (deploy/local/test.sh installs it with npm ci).
/// </summary>
[Collection(EmbeddedApiCollection.Name)]
public sealed partial class OpenApiLintTests(EmbeddedApiFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task Every_operation_declares_its_route_parameters_a_description_and_its_answers()
    {
        using var document = JsonDocument.Parse(await fixture.Http.GetStringAsync("openapi/v1.json"));

        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var routeParameters = RouteParameter().Matches(path.Name).Select(m => m.Groups[1].Value).ToArray();
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                    : [];
                problems.AddRange(routeParameters.Where(p => !declared.Contains(p)).Select(p => $"{name}: path parameter '{p}' is not declared"));
                if (!operation.Value.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                {
                    problems.Add($"{name}: no description");
                }

                var responses = operation.Value.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
                if (routeParameters.Length > 0 && !responses.Contains("404"))
                {
                    problems.Add($"{name}: no 404 for the resource its route names");
                }

                // An empty requirement among them means anonymous callers (widget visitors) are welcome too.
                var required = operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0
                    && security.EnumerateArray().All(r => r.EnumerateObject().Any());
                if (required && !responses.Contains("401"))
                {
                    problems.Add($"{name}: needs a credential but declares no 401");
                }
            }
        }

        Assert.True(operations > 60, $"Only {operations} operations in the document.");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Spectral_finds_no_error_in_the_live_document()
    {
        var lint = Path.Combine(RepositoryRoot(), "tests", "openapi-lint");
        var spectral = Path.Combine(lint, "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"Spectral is not installed: run `npm ci` in {lint} (deploy/local/test.sh does).");
        var file = Path.Combine(Path.GetTempPath(), $"chatsphere-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await fixture.Http.GetStringAsync("openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(spectral)
            {
                WorkingDirectory = lint,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "lint", file, "--ruleset", Path.Combine(lint, ".spectral.yaml"), "--format", "json", "--fail-severity", "error", "--quiet" },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            // Results: [{ code, message, path: [...], severity: 0 error, 1 warning, 2 info, 3 hint }].
            var text = (await output).Trim();
            using var results = JsonDocument.Parse(text.Length == 0 ? "[]" : text);
            var errors = results.RootElement.EnumerateArray()
                .Where(r => r.GetProperty("severity").GetInt32() == 0)
                .Select(r => $"{r.GetProperty("code").GetString()} at {string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}: {r.GetProperty("message").GetString()}")
                .ToArray();
            Assert.True(errors.Length == 0, $"Spectral found {errors.Length} errors:\n{string.Join('\n', errors)}");
            Assert.True(process.ExitCode == 0, $"Spectral exited with {process.ExitCode}: {await error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatSphere.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("ChatSphere.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex RouteParameter();
}
