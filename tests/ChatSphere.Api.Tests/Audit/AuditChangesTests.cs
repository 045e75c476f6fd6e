using ChatSphere.Api.Audit;
using ChatSphere.GrainInterfaces.Audit;
using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Api.Tests.Audit;

public sealed class AuditChangesTests
{
    [Fact]
    public void Only_the_fields_that_differ_are_listed_by_their_path()
    {
        var before = new ChatbotSettings { Name = "Support", SuggestedQuestions = ["a"], Answer = new AnswerSettings { Model = "embedded" } };
        var after = before with { Name = "Help desk", SuggestedQuestions = ["a", "b"], Answer = before.Answer with { Model = "instant" } };

        var changes = AuditChanges.Between(before, after);

        Assert.Equal(
            [new AuditChange("name", "Support", "Help desk"), new AuditChange("suggestedQuestions", "[\"a\"]", "[\"a\",\"b\"]"), new AuditChange("answer.model", "embedded", "instant")],
            changes.OrderBy(c => c.Field == "answer.model").ToArray());
        Assert.Empty(AuditChanges.Between(before, before with { }));
    }

    [Fact]
    public void Secrets_are_masked_and_creation_or_removal_shows_every_field_against_nothing()
    {
        var changes = AuditChanges.Between(new { identitySecret = "s3cr3t", password_hash = "h1", name = "x" }, new { identitySecret = "n3w", password_hash = "h2", name = "x" });
        Assert.All(changes, c => Assert.Equal(AuditChanges.Masked, c.After));
        Assert.DoesNotContain(changes, c => c.Before is "s3cr3t" or "h1" || c.After is "n3w" or "h2");
        Assert.Equal(2, changes.Count);

        var created = AuditChanges.Between(null, new { name = "Bot", apiKey = "csk_x" });
        Assert.Contains(new AuditChange("name", null, "Bot"), created);
        Assert.Contains(new AuditChange("apiKey", null, AuditChanges.Masked), created);

        Assert.Equal([new AuditChange("role", "viewer", "admin")], AuditChanges.Of("role", "viewer", "admin"));
        Assert.Equal([new AuditChange("token", null, AuditChanges.Masked)], AuditChanges.Of("token", null, "abc"));
    }
}
