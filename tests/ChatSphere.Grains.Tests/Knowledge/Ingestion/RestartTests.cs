using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>A silo that stops in the middle of an ingestion leaves the source in processing, and the next silo finishes it.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_source_processing_when_the_silo_stops_is_resumed_by_the_next_one()
    {
        using var data = new TestSqlite();
        await using var site = new LoopbackSite();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.Held("/held", release.Task, "<html><head><title>Held</title></head><body><p>The library lends e-readers for two weeks.</p></body></html>");
        var settings = new Dictionary<string, string?>(IngestionClusterFixture.Settings) { ["ChatSphere:Ingestion:RequestTimeout"] = "00:01:00" };
        var botId = Ids.New("bot");
        string sourceId;

        var first = await ClusterFixture.StartClusterAsync(data.Folder, settings);
        await using (first)
        {
            await first.Client.GetGrain<IChatbotGrain>(botId).CreateAsync(Ids.New("ws"), new ChatbotSettings { Name = "Restart bot" });
            var knowledge = first.Client.GetGrain<IKnowledgeGrain>(botId);
            sourceId = (await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Url, Url = site.Url("/held").AbsoluteUri })).Id;
            await WaitUntilAsync(() => site.Requests.Contains("/held"));

            Assert.Equal(SourceStatus.Processing, (await knowledge.GetSourceAsync(sourceId))!.Status);
            // While a source is unfinished its bot's knowledge keeps a reminder, which survives restarts with a durable reminder table.
            var reminders = await first.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>().ReadRows(knowledge.GetGrainId());
            Assert.Equal("resume-ingestion", Assert.Single(reminders.Reminders).ReminderName);
            await first.StopAllSilosAsync();
        }

        release.SetResult();
        var second = await ClusterFixture.StartClusterAsync(data.Folder, settings);
        await using (second)
        {
            var knowledge = second.Client.GetGrain<IKnowledgeGrain>(botId);

            var indexed = await knowledge.SettledAsync(sourceId);

            Assert.Equal(SourceStatus.Indexed, indexed.Status);
            Assert.Equal(sourceId, (await knowledge.SearchAsync("How long can I borrow an e-reader?", 1)).Single().SourceId);
        }
    }

    [Fact]
    public async Task After_a_restart_the_resume_reminder_finishes_a_source_without_any_call()
    {
        using var data = new TestSqlite();
        await using var site = new LoopbackSite();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.Held("/held", release.Task, "<html><head><title>Held</title></head><body><p>The gym has a sauna on the top floor.</p></body></html>");
        var settings = new Dictionary<string, string?>(IngestionClusterFixture.Settings)
        {
            ["ChatSphere:Ingestion:RequestTimeout"] = "00:01:00",
            ["ChatSphere:Ingestion:ResumeCheckPeriod"] = "00:00:02",
        };
        var botId = Ids.New("bot");
        string sourceId;

        var first = await ClusterFixture.StartClusterAsync(data.Folder, settings, durableReminders: true);
        await using (first)
        {
            await first.Client.GetGrain<IChatbotGrain>(botId).CreateAsync(Ids.New("ws"), new ChatbotSettings { Name = "Reminder bot" });
            sourceId = (await first.Client.GetGrain<IKnowledgeGrain>(botId)
                .AddSourceAsync(new NewSource { Type = SourceType.Url, Url = site.Url("/held").AbsoluteUri })).Id;
            await WaitUntilAsync(() => site.Requests.Contains("/held"));
            await first.StopAllSilosAsync();
        }

        release.SetResult();
        var second = await ClusterFixture.StartClusterAsync(data.Folder, settings, durableReminders: true);
        await using (second)
        {
            // Read the table directly: nothing may activate the knowledge grain but its reminder.
            var store = second.Silos[0].ServiceProvider.GetRequiredService<Storage.SourceStore>();
            var source = (await Eventually.ReturnsAsync(
                () => store.GetAsync(botId, sourceId), s => s!.Status == SourceStatus.Indexed, "the source indexed after the restart", TimeSpan.FromSeconds(60)))!;

            Assert.Equal(1, source.Chunks);
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition) =>
        Eventually.HoldsAsync(condition, "the site to be asked for the page", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20));
}
