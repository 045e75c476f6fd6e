namespace ChatSphere.Api.OpenApi;

/// <summary>
/// The ProblemDetails answers particular operations give beyond the pipeline's common ones (which
/// <see cref="OpenApiContractTransformer"/> adds to every operation): plan quotas (402), the grains' conflicts and
/// caps (409), a refused provider sign-in (403), an embeddings endpoint that is down while a Q&amp;A pair is embedded
/// (503). By operation name; added where the endpoint does not declare the code itself.
/// </summary>
public static class OperationAnswers
{
    /// <summary>The extra answers of <paramref name="operationId"/>: status code and what it means.</summary>
    public static IReadOnlyList<(int Status, string Description)> For(string? operationId) =>
        operationId is not null && Answers.TryGetValue(operationId, out var answers) ? answers : [];

    private const string Quota = "A plan quota is spent: quota, limit, used, plan and widgetMessage say which.";

    private static readonly Dictionary<string, (int, string)[]> Answers = new(StringComparer.Ordinal)
    {
        ["Register"] = [(409, "An account with this email address exists.")],
        ["CreateApiKey"] = [(409, "The workspace holds as many API keys as it may; revoke unused ones first.")],
        ["Invite"] = [(402, Quota), (409, "The workspace has as many pending invitations or members as it may.")],
        ["AcceptInvitation"] = [(402, Quota), (409, "The workspace or the user is at its cap of members or workspaces.")],
        ["CreateChatbot"] = [(402, Quota), (409, "The workspace holds as many chatbots as it may.")],
        ["AddSource"] = [(402, Quota), (409, "The chatbot has as many Q&A sources as it may."), (503, "The knowledge embeddings endpoint could not embed the Q&A pair; nothing was stored.")],
        ["UploadSourceFile"] = [(402, Quota)],
        ["ImportQaPairs"] = [(402, Quota), (409, "The chatbot would have more Q&A sources than it may."), (503, "The knowledge embeddings endpoint could not embed the pairs; nothing was stored.")],
        ["FinishProviderSignIn"] = [(403, "The provider vouched for another email address than the linked account's."), (409, "The address belongs to an account and the provider has not verified it, or the sign-in is linked to another account.")],
        ["SendChatMessage"] = [(409, "The conversation belongs to another chatbot or visitor.")],
    };
}
