using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge;

[Collection(ClusterCollection.Name)]
public sealed class KnowledgeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_added_pair_is_indexed_at_once_and_reads_back()
    {
        var knowledge = NewKnowledge(out var botId);

        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "  How do I pay?  ", Answer = " By card. " });

        Assert.StartsWith("src_", added.Id);
        Assert.Equal(botId, added.BotId);
        Assert.Equal(SourceType.Qa, added.Type);
        Assert.Equal(SourceStatus.Indexed, added.Status);
        Assert.Equal(1, added.Progress);
        Assert.Equal("How do I pay?", added.Question);
        Assert.Equal("By card.", added.Answer);
        Assert.Equal("How do I pay?", added.Title);
        Assert.Equal(added, await knowledge.GetSourceAsync(added.Id));
        Assert.Null(await knowledge.GetSourceAsync("src_missing"));
    }

    [Fact]
    public async Task Sources_list_newest_first_in_pages()
    {
        var knowledge = NewKnowledge(out _);
        var added = new List<KnowledgeSource>();
        foreach (var (question, answer) in SampleFaq.Pairs.Take(5))
        {
            added.Add(await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer }));
        }

        var first = await knowledge.ListSourcesAsync(null, 2);
        var second = await knowledge.ListSourcesAsync(first.NextCursor, 2);
        var third = await knowledge.ListSourcesAsync(second.NextCursor, 2);

        var newestFirst = added.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id);
        Assert.Equal(newestFirst, first.Items.Concat(second.Items).Concat(third.Items).Select(s => s.Id));
        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Null(third.NextCursor);
        Assert.Single(third.Items);
    }

    [Fact]
    public async Task A_paraphrased_question_finds_its_pair_first()
    {
        var knowledge = NewKnowledge(out _);
        var ids = await AddFaqAsync(knowledge);

        var hits = await knowledge.SearchAsync("I forgot my password, what should I do?", 3);

        Assert.Equal(3, hits.Count);
        var best = hits[0];
        Assert.Equal(ids[0], best.SourceId);
        Assert.Equal(SampleFaq.Pairs[0].Question, best.Title);
        Assert.Equal(SampleFaq.Pairs[0].Question, best.Question);
        Assert.Equal(SampleFaq.Pairs[0].Answer, best.Text);
        Assert.Equal(SourceType.Qa, best.Type);
        Assert.InRange(best.Score, 0.6, 1.0);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "hits are not ranked best first");
    }

    [Fact]
    public async Task Search_returns_at_most_top_k_and_nothing_for_a_bot_without_knowledge()
    {
        var knowledge = NewKnowledge(out _);
        Assert.Empty(await knowledge.SearchAsync("anything at all", 5));

        await AddFaqAsync(knowledge);

        Assert.Single(await knowledge.SearchAsync("refund", 1));
        Assert.Equal(SampleFaq.Pairs.Length, (await knowledge.SearchAsync("refund", 50)).Count);
    }

    [Fact]
    public async Task A_deleted_pair_is_gone_from_reads_and_search_at_once()
    {
        var knowledge = NewKnowledge(out _);
        var ids = await AddFaqAsync(knowledge);

        Assert.True(await knowledge.DeleteSourceAsync(ids[0]));

        Assert.Null(await knowledge.GetSourceAsync(ids[0]));
        Assert.DoesNotContain(await knowledge.SearchAsync("How do I reset my password?", 50), h => h.SourceId == ids[0]);
        Assert.False(await knowledge.DeleteSourceAsync(ids[0]));
        Assert.False(await knowledge.DeleteSourceAsync("src_missing"));
        Assert.Equal(SampleFaq.Pairs.Length - 1, (await knowledge.ListSourcesAsync(null, 100)).Items.Count);
    }

    [Fact]
    public async Task Sync_reindexes_a_pair_and_an_unknown_one_is_not_found()
    {
        var knowledge = NewKnowledge(out var botId);
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "Do you ship abroad?", Answer = "Yes, worldwide." });
        // Lose the stored embedding: only a re-index can bring the pair back into search after a reload.
        await fixture.SiloServices.GetRequiredService<ChunkStore>().RemovePagesAsync(botId, added.Id, [""]);
        await fixture.Cluster.DeactivateAsync(knowledge);
        Assert.Empty(await knowledge.SearchAsync("Can you deliver to Canada?", 5));

        var synced = await knowledge.SyncSourceAsync(added.Id);

        Assert.Equal(SourceStatus.Indexed, synced.Status);
        Assert.Null(synced.Error);
        Assert.True(synced.UpdatedAt >= added.UpdatedAt);
        Assert.Equal(synced, await knowledge.GetSourceAsync(added.Id));
        Assert.Equal(added.Id, (await knowledge.SearchAsync("Can you deliver to Canada?", 5)).Single().SourceId);
        var error = await Assert.ThrowsAsync<NotFoundException>(() => knowledge.SyncSourceAsync("src_missing"));
        Assert.Equal("src_missing", error.ResourceId);
    }

    [Fact]
    public async Task Clear_removes_every_source_of_the_bot()
    {
        var knowledge = NewKnowledge(out _);
        var other = NewKnowledge(out _);
        await AddFaqAsync(knowledge);
        var kept = await other.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "Kept?", Answer = "Yes." });

        await knowledge.ClearAsync();

        Assert.Empty((await knowledge.ListSourcesAsync(null, 100)).Items);
        Assert.Empty(await knowledge.SearchAsync("How do I reset my password?", 5));
        Assert.Equal(kept, await other.GetSourceAsync(kept.Id));
    }

    [Fact]
    public async Task The_index_is_rebuilt_from_the_table_after_deactivation()
    {
        var knowledge = NewKnowledge(out _);
        var ids = await AddFaqAsync(knowledge);
        var before = await knowledge.SearchAsync("Can I pay with PayPal?", 3);

        await fixture.Cluster.DeactivateAsync(knowledge);
        var after = await knowledge.SearchAsync("Can I pay with PayPal?", 3);

        Assert.Equal(ids[6], after[0].SourceId);
        Assert.Equal(before.Select(h => (h.SourceId, Math.Round(h.Score, 5))), after.Select(h => (h.SourceId, Math.Round(h.Score, 5))));
    }

    [Theory]
    [InlineData(SourceType.File)]
    [InlineData((SourceType)42)]
    public async Task Files_come_by_upload_and_unknown_types_are_refused(SourceType type)
    {
        var knowledge = NewKnowledge(out _);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = type, Title = "Doc", Text = "Text", Question = "Q?", Answer = "A." }));

        Assert.Equal(["type"], error.Errors.Keys);
        Assert.Empty((await knowledge.ListSourcesAsync(null, 10)).Items);
    }

    [Fact]
    public async Task Question_and_answer_lengths_are_checked_together()
    {
        var knowledge = NewKnowledge(out _);

        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "   ", Answer = null }));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = new string('q', 1001), Answer = new string('a', 10_001) }));
        var longQuestion = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = new string('q', 1000), Answer = new string('a', 10_000) });

        Assert.Equal(["answer", "question"], missing.Errors.Keys.Order());
        Assert.Equal(["answer", "question"], tooLong.Errors.Keys.Order());
        Assert.Equal(500, longQuestion.Title.Length);
        Assert.Equal(1000, longQuestion.Question!.Length);
    }

    [Fact]
    public async Task Paging_and_search_arguments_are_checked()
    {
        var knowledge = NewKnowledge(out _);

        Assert.Equal(["limit"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.ListSourcesAsync(null, 0))).Errors.Keys);
        Assert.Equal(["limit"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.ListSourcesAsync(null, 101))).Errors.Keys);
        Assert.Equal(["cursor"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.ListSourcesAsync("bogus", 10))).Errors.Keys);
        Assert.Equal(["query"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.SearchAsync(" ", 5))).Errors.Keys);
        Assert.Equal(["topK"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.SearchAsync("hello", 0))).Errors.Keys);
        Assert.Equal(["topK"], (await Assert.ThrowsAsync<ValidationFailedException>(() => knowledge.SearchAsync("hello", 51))).Errors.Keys);
    }

    [Fact]
    public async Task A_bot_holds_at_most_five_thousand_pairs()
    {
        var knowledge = NewKnowledge(out var botId);
        // Fill the table directly (embedding 5,000 pairs would only slow the test down).
        var database = fixture.SiloServices.GetRequiredService<ChatSphereDatabase>();
        await using (var connection = await database.OpenAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow.ToUnixMs();
            for (var i = 0; i < 5000; i++)
            {
                await using var insert = connection.Command(
                    "INSERT INTO cs_knowledge_sources (bot_id, source_id, type, status, title, question, answer, created_at, updated_at) " +
                    "VALUES (@bot, @id, @type, @status, @q, @q, @a, @at, @at)", transaction)
                    .With("bot", botId).With("id", $"src_bulk{i}").With("type", (short)SourceType.Qa).With("status", (short)SourceStatus.Indexed)
                    .With("q", $"Question {i}").With("a", $"Answer {i}").With("at", now);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await Assert.ThrowsAsync<ConflictException>(() =>
            knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "One more?", Answer = "No." }));

        Assert.True(await knowledge.DeleteSourceAsync("src_bulk0"));
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "One more?", Answer = "Yes, now." });
        Assert.Equal(SourceStatus.Indexed, added.Status);
    }

    [Fact]
    public async Task Retrieval_follows_the_bots_threshold_and_curated_similarity()
    {
        var knowledge = NewKnowledge(out _);
        var ids = await AddFaqAsync(knowledge);
        const string paraphrase = "I can't log in because I don't remember my password";

        var all = await knowledge.RetrieveAsync(paraphrase, 10, new KnowledgeSettings());
        var kept = await knowledge.RetrieveAsync(paraphrase, 10, new KnowledgeSettings { MinScore = 0.4 });
        var exact = await knowledge.RetrieveAsync(SampleFaq.Pairs[0].Question, 3, new KnowledgeSettings());
        var lenient = await knowledge.RetrieveAsync(paraphrase, 3, new KnowledgeSettings { CuratedMinSimilarity = 0.5 });

        Assert.Equal(10, all.Count);
        Assert.NotEmpty(kept);
        Assert.True(kept.Count < all.Count, "The threshold dropped nothing.");
        Assert.All(kept, h => Assert.True(h.Score >= 0.4, $"{h.Title} scored {h.Score}"));
        Assert.DoesNotContain(all, h => h.Curated);
        Assert.True(exact[0].Curated);
        Assert.Equal((ids[0], SampleFaq.Pairs[0].Question, SourceType.Qa), (exact[0].SourceId, exact[0].Question, exact[0].Type));
        Assert.DoesNotContain(exact.Skip(1), h => h.Curated);
        Assert.True(lenient[0].Curated);
        Assert.Equal(ids[0], lenient[0].SourceId);
    }

    [Fact]
    public async Task Diversity_lets_another_topic_in_ahead_of_near_duplicates()
    {
        var knowledge = NewKnowledge(out _);
        var ids = await AddFaqAsync(knowledge);
        var copies = new List<string>();
        foreach (var question in new[] { "How can I reset my password?", "How do I reset the password of my account?" })
        {
            copies.Add((await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = SampleFaq.Pairs[0].Answer })).Id);
        }

        var password = copies.Append(ids[0]).ToHashSet();
        var relevance = await knowledge.RetrieveAsync("I need to reset my password", 3, new KnowledgeSettings { CuratedMinSimilarity = 1 });
        var diverse = await knowledge.RetrieveAsync("I need to reset my password", 3, new KnowledgeSettings { CuratedMinSimilarity = 1, MmrLambda = 0.5 });

        Assert.All(relevance, h => Assert.Contains(h.SourceId, password));
        Assert.Contains(diverse[0].SourceId, password);
        Assert.Contains(diverse, h => !password.Contains(h.SourceId));
    }

    [Fact]
    public async Task Search_hits_ground_the_embedded_answerer()
    {
        var knowledge = NewKnowledge(out _);
        await AddFaqAsync(knowledge);
        var answerer = fixture.SiloServices.GetRequiredService<IChatModelCatalog>().Get("embedded");
        const string fallback = "I don't know that one.";

        async Task<string> AskAsync(string question)
        {
            var hits = await knowledge.SearchAsync(question, 5);
            var options = new ChatOptions().WithGrounding(new GroundingContext(question, hits, fallback, 0.3, 40));
            return (await answerer.GetResponseAsync([new ChatMessage(ChatRole.User, question)], options)).Text;
        }

        // The refund answer is one sentence, so the best-supported sentence is all of it.
        Assert.Equal(SampleFaq.Pairs[4].Answer + " [1]", await AskAsync("how many days until I'm refunded"));
        Assert.Equal(fallback, await AskAsync("Who won the football world cup?"));
    }

    private IKnowledgeGrain NewKnowledge(out string botId)
    {
        botId = Ids.New("bot");
        return fixture.Grains.GetGrain<IKnowledgeGrain>(botId);
    }

    private static async Task<List<string>> AddFaqAsync(IKnowledgeGrain knowledge)
    {
        var ids = new List<string>();
        foreach (var (question, answer) in SampleFaq.Pairs)
        {
            ids.Add((await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer })).Id);
        }

        return ids;
    }
}
