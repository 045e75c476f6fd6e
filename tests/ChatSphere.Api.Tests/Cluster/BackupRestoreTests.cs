using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Api.Tests.Cluster;

/// <summary>
/// Issue 16, item 3: the backup and restore procedure of docs/deployment.md ("Backup and restore"), run as written:
/// pg_dump of a running cluster's database, pg_restore into a fresh database, and a cluster started on it from a
/// fresh data folder (a new machine) serves every account, conversation, visitor token and knowledge source.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_database_restored_from_a_backup_serves_every_conversation_and_its_visitors_carry_on()
    {
        await using var postgres = new TestPostgres();
        using var folders = new TestSqlite();
        var clusterId = "restore-" + Guid.NewGuid().ToString("N")[..8];
        var source = await postgres.CreateDatabaseAsync();
        var before = Path.Combine(folders.Folder, "before");
        var after = Path.Combine(folders.Folder, "after");

        var original = await ApiHost.StartAsync(before, HostSettings(source, clusterId, before));
        TestUser owner;
        BotDto bot;
        var conversations = new List<(ReplyDto Last, List<ConversationMessage> Messages)>();
        using var visitor = new HttpClient { BaseAddress = original.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await using (original)
        {
            owner = await original.RegisterAsync();
            bot = await owner.Http.CreateBotAsync();
            await owner.Http.AddQaAsync(bot.Id, "How long can I keep a book?", "Books are lent for three weeks and can be renewed twice.");
            for (var i = 0; i < 3; i++)
            {
                var first = await visitor.AskAsync(bot.Id, $"Visitor {i} asks about loans");
                var second = await ContinueAsync(visitor, bot.Id, first, $"Visitor {i} asks again");
                conversations.Add((second, await MessagesAsync(owner.Http, first.ConversationId)));
            }

            // The backup is taken while the cluster serves: pg_dump reads one consistent snapshot.
            await PgTools.RunAsync("pg_dump", source, "--format=custom", "--file", Path.Combine(folders.Folder, "chatsphere.dump"),
                "--exclude-table-data=orleans_membership", "--exclude-table-data=orleans_membership_version");
        }

        var restored = await postgres.CreateDatabaseAsync();
        await PgTools.RunAsync("pg_restore", restored, "--no-owner", "--no-privileges", "--exit-on-error",
            "--dbname", new Npgsql.NpgsqlConnectionStringBuilder(restored).Database!, Path.Combine(folders.Folder, "chatsphere.dump"));
        await using var replacement = await ApiHost.StartAsync(after, HostSettings(restored, clusterId, after));
        using var newVisitor = new HttpClient { BaseAddress = replacement.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        using var signIn = await replacement.Http.PostAsJsonAsync("api/v1/auth/login", new { email = owner.Email, password = owner.Password }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        using var member = replacement.Client((await signIn.Content.ReadFromJsonAsync<AuthDto>(ApiHost.Json))!.AccessToken);
        var listed = (await member.GetFromJsonAsync<PageDto<ConversationInfo>>($"api/v1/chatbots/{bot.Id}/conversations?limit=50", ApiHost.Json))!;
        Assert.Equal(conversations.Select(c => c.Last.ConversationId).Order(), listed.Items.Select(c => c.Id).Order());
        foreach (var (last, messages) in conversations)
        {
            var now = await MessagesAsync(member, last.ConversationId);
            Assert.Equal(messages.Select(m => (m.Seq, m.Role, m.Text)), now.Select(m => (m.Seq, m.Role, m.Text)));

            // The visitor token was issued before the backup: it reads on the new machine because the key ring is in the database.
            var next = await ContinueAsync(newVisitor, bot.Id, last, "And after the restore?");
            Assert.Equal(last.Seq + 2, next.Seq);
            Assert.Equal(MessageStatus.Complete, next.Status);
        }

        using var search = await member.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/search", new { query = "How long can I keep a book?", topK = 1 }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        var hit = Assert.Single((await search.Content.ReadFromJsonAsync<List<KnowledgeHit>>(ApiHost.Json))!);
        Assert.Contains("three weeks", hit.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> HostSettings(string postgres, string clusterId, string dataPath) =>
        ClusterSettings.ForHost(ClusterSettings.Silo(postgres, clusterId, dataPath), ClusterSettings.Extra(dataPath, tokenCount: 4, tokenDelayMs: 0));

    private static async Task<ReplyDto> ContinueAsync(HttpClient visitor, string botId, ReplyDto last, string text)
    {
        using var response = await visitor.PostAsJsonAsync($"api/v1/chat/{botId}/messages",
            new { text, conversationId = last.ConversationId, visitorToken = last.VisitorToken }, ApiHost.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"continuing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReplyDto>(ApiHost.Json))!;
    }

    private static async Task<List<ConversationMessage>> MessagesAsync(HttpClient member, string conversationId) =>
        (await member.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{conversationId}/messages?limit=100", ApiHost.Json))!.Items;
}
