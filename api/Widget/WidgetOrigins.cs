using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Api.Widget;

/// <summary>
/// Which site a widget request comes from, and whether the bot allows it. A browser names the page's origin in
/// the Origin header. The chat frame is served by this API, so its own requests carry this API's origin; the
/// frame then names the host page it is embedded in (learnt from the browser through postMessage) in the hub
/// URL's <c>host</c> query parameter, and that is the origin checked. No Origin header: not a browser (an API
/// client), so there is no page to check. This API's own origin (the /demo page, the dashboard) is always allowed; which
/// origin that is comes from configuration and the listening addresses (<see cref="SelfOrigins"/>), never from the request.
/// An empty allow-list allows every site.
/// </summary>
public static class WidgetOrigins
{
    public const string HostQueryParameter = "host";

    /// <summary>The origin to check for a request, or null when there is none (not a browser, or this API itself).</summary>
    public static string? EffectiveOrigin(HttpContext http)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return null;
        }

        var self = http.RequestServices.GetRequiredService<SelfOrigins>();
        if (!self.IsSelf(origin))
        {
            return origin;
        }

        var host = http.Request.Query[HostQueryParameter].ToString();
        return string.IsNullOrEmpty(host) || self.IsSelf(host) ? null : host;
    }

    /// <summary>Throws <see cref="ForbiddenException"/> when the request's site may not use the bot.</summary>
    public static void EnsureAllowed(HttpContext? http, ChatbotInfo bot)
    {
        var origin = http is null ? null : EffectiveOrigin(http);
        if (origin is not null && !AllowedOrigin.IsAllowed(bot.Settings.AllowedDomains ?? [], origin))
        {
            var shown = origin.Length > 200 ? origin[..200] : origin;
            throw new ForbiddenException($"origin: '{shown}' is not allowed to use chatbot '{bot.Id}'. Add it to the chatbot's allowedDomains.");
        }
    }
}
