using System.Net;

namespace ChatSphere.Api.Widget;

/// <summary>
/// /demo: a sample customer page with the widget embedded as a customer would do it, talking to the demo bot
/// (or another bot: /demo?bot=ID). Its buttons drive the widget through the JS API and its log shows the events.
/// </summary>
public static class DemoPage
{
    public static IResult Render(string? bot)
    {
        var botId = string.IsNullOrEmpty(bot) || !GrainInterfaces.Ids.IsWellFormed(bot) ? Demo.DemoBotSeeder.BotId : bot;
        var html = Template.Replace("{{BOT}}", WebUtility.HtmlEncode(botId), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>ChatSphere widget demo</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
            main { max-width: 760px; margin: 0 auto; padding: 32px 20px 140px; }
            h1 { margin-top: 0; }
            pre { background: #0f172a; color: #e2e8f0; padding: 14px; border-radius: 8px; overflow-x: auto; }
            button, select { font: inherit; padding: 6px 12px; margin: 0 6px 6px 0; }
            #log { background: #fff; border: 1px solid #cbd5e1; border-radius: 8px; padding: 10px; min-height: 80px; font-size: 14px; }
          </style>
          <script>
            window.ChatSphere = window.ChatSphere || function () { (window.ChatSphere.q = window.ChatSphere.q || []).push(arguments); };
          </script>
          <script async src="/widget.js" data-bot-id="{{BOT}}"></script>
        </head>
        <body>
          <main>
            <h1>ChatSphere widget demo</h1>
            <p>This page plays a customer's web site. The chat button in the corner is the ChatSphere widget for the bot
              <code>{{BOT}}</code>, embedded with one tag:</p>
            <pre>&lt;script async src="https://your-chatsphere-host/widget.js" data-bot-id="{{BOT}}"&gt;&lt;/script&gt;</pre>
            <p>Ask it "What is ChatSphere?" or "How do I train my chatbot?". Its JavaScript API:</p>
            <p>
              <button type="button" data-command="open">ChatSphere('open')</button>
              <button type="button" data-command="close">ChatSphere('close')</button>
              <button type="button" data-command="toggle">ChatSphere('toggle')</button>
              <button type="button" data-command="reset">ChatSphere('reset')</button>
              <label>Language
                <select id="locale">
                  <option value="">browser</option><option value="en">English</option><option value="de">Deutsch</option>
                  <option value="fr">Français</option><option value="es">Español</option><option value="zh">中文</option>
                  <option value="ar">العربية</option>
                </select>
              </label>
            </p>
            <h2>Events</h2>
            <div id="log" aria-live="polite"></div>
          </main>
          <script>
            var log = document.getElementById('log');
            ['ready', 'open', 'close', 'message'].forEach(function (name) {
              ChatSphere('on', name, function (detail) {
                var line = document.createElement('div');
                line.textContent = name + ' ' + JSON.stringify(detail);
                log.prepend(line);
              });
            });
            document.querySelectorAll('[data-command]').forEach(function (button) {
              button.addEventListener('click', function () { ChatSphere(button.getAttribute('data-command')); });
            });
            document.getElementById('locale').addEventListener('change', function (event) {
              ChatSphere('setLocale', event.target.value || navigator.language);
            });
          </script>
        </body>
        </html>
        """;
}
