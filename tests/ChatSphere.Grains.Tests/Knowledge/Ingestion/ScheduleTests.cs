using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>A source with a sync interval gets a reminder with that period; deleting the source removes it.</summary>
[Collection(IngestionCollection.Name)]
public sealed class ScheduleTests(IngestionClusterFixture fixture)
{
    [Fact]
    public async Task A_sync_interval_becomes_a_reminder_that_goes_with_the_source()
    {
        var (botId, knowledge) = await fixture.NewBotAsync();
        var reminders = fixture.SiloServices.GetRequiredService<IReminderTable>();

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Menu", Text = "Soup of the day: tomato.", SyncIntervalMinutes = 60 });
        var job = fixture.Grains.GetGrain<ISourceGrain>(SourceGrainKey.Of(botId, added.Id)).GetGrainId();
        var scheduled = await reminders.ReadRows(job);
        await knowledge.SettledAsync(added.Id);
        await knowledge.DeleteSourceAsync(added.Id);
        var afterDelete = await reminders.ReadRows(job);

        Assert.Equal(60, added.SyncIntervalMinutes);
        var reminder = Assert.Single(scheduled.Reminders);
        Assert.Equal(("sync", TimeSpan.FromMinutes(60)), (reminder.ReminderName, reminder.Period));
        Assert.Empty(afterDelete.Reminders);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Intervals_shorter_than_five_minutes_are_refused(int minutes)
    {
        var (_, knowledge) = await fixture.NewBotAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "T", Text = "Body.", SyncIntervalMinutes = minutes }));

        Assert.Equal(["syncIntervalMinutes"], error.Errors.Keys);
    }
}
