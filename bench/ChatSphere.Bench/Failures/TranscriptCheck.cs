namespace ChatSphere.Bench.Failures;

/// <summary>
/// What the drill's visitors were promised, against what the cluster stored: every acknowledged question is in its
/// conversation exactly once, no question is stored twice, and every question has at most one reply (an answered one
/// exactly one).
/// </summary>
public static class TranscriptCheck
{
    public static async Task<TranscriptResult> RunAsync(DrillCluster cluster, IReadOnlyList<DrillVisitor> visitors, CancellationToken cancellationToken)
    {
        int lost = 0, doubledQuestions = 0, doubledReplies = 0, missingReplies = 0, acknowledged = 0, stored = 0;
        var problems = new List<string>();
        foreach (var visitor in visitors.Where(v => v.ConversationId.Length > 0))
        {
            var transcript = await cluster.TranscriptAsync(visitor.ConversationId, node: 1, cancellationToken);
            var replies = RepliesPerQuestion(transcript);
            stored += replies.Count;
            foreach (var (text, count) in replies.GroupBy(r => r.Question).Select(g => (g.Key, g.Count())).Where(g => g.Item2 > 1))
            {
                doubledQuestions++;
                problems.Add($"visitor {visitor.Number}: \"{text}\" stored {count} times");
            }

            foreach (var (question, replyCount) in replies.Where(r => r.Replies > 1))
            {
                doubledReplies++;
                problems.Add($"visitor {visitor.Number}: \"{question}\" has {replyCount} replies");
            }

            foreach (var question in visitor.Questions.Where(q => q.AcknowledgedAt is not null))
            {
                acknowledged++;
                var match = replies.FirstOrDefault(r => r.Question == question.Text);
                if (match.Question is null)
                {
                    lost++;
                    problems.Add($"visitor {visitor.Number}: acknowledged \"{question.Text}\" is not stored");
                }
                else if (question.Answered && match.Replies == 0)
                {
                    missingReplies++;
                    problems.Add($"visitor {visitor.Number}: the reply to \"{question.Text}\" was streamed but is not stored");
                }
            }
        }

        return new TranscriptResult(acknowledged, stored, lost, doubledQuestions, doubledReplies, missingReplies, problems);
    }

    /// <summary>Each visitor question in order, with the number of bot replies that follow it before the next question.</summary>
    private static List<(string Question, int Replies)> RepliesPerQuestion(List<TranscriptMessage> transcript)
    {
        var result = new List<(string Question, int Replies)>();
        foreach (var message in transcript.OrderBy(m => m.Seq))
        {
            if (message.Role == "user")
            {
                result.Add((message.Text, 0));
            }
            else if (message.Role == "assistant" && result.Count > 0)
            {
                result[^1] = (result[^1].Question, result[^1].Replies + 1);
            }
        }

        return result;
    }
}
