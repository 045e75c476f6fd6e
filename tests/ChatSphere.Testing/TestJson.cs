using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSphere.Testing;

/// <summary>The JSON the API speaks: web defaults (camelCase) and enums as camelCase strings.</summary>
public static class TestJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
