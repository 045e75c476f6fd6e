using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Billing;

/// <summary>
/// What a training source costs against the plan (one source and its characters of content) and the calls the
/// knowledge grain makes to charge and refund it on the bot's workspace. A bot that does not exist has no workspace
/// to charge, so nothing is counted for it.
/// </summary>
public static class KnowledgeQuota
{
    /// <summary>Characters of content: the text, or the question and answer (titles and URLs are free).</summary>
    public static long CharactersOf(string? text, string? question, string? answer) =>
        (long)(text?.Length ?? 0) + (question?.Length ?? 0) + (answer?.Length ?? 0);

    public static IReadOnlyList<QuotaCharge> ChargeOf(long characters, int sources = 1) =>
        [new QuotaCharge(QuotaKind.Sources, sources), new QuotaCharge(QuotaKind.KnowledgeCharacters, characters)];

    public static IReadOnlyList<QuotaCharge> ChargeOf(NewSource source) => ChargeOf(CharactersOf(source.Text, source.Question, source.Answer));

    public static IReadOnlyList<QuotaCharge> ChargeOf(KnowledgeSource source) => ChargeOf(CharactersOf(source.Text, source.Question, source.Answer));

    /// <summary>Counts <paramref name="charges"/> for the bot on its workspace, or throws
    /// <see cref="GrainInterfaces.Errors.QuotaExceededException"/>.</summary>
    public static async Task AcquireForBotAsync(this IGrainFactory grains, string botId, IReadOnlyList<QuotaCharge> charges)
    {
        if (await WorkspaceOfAsync(grains, botId) is { } workspaceId)
        {
            await grains.GetGrain<IWorkspaceBillingGrain>(workspaceId).AcquireAsync(charges, botId);
        }
    }

    /// <summary>Gives back what <see cref="AcquireForBotAsync"/> counted.</summary>
    public static async Task ReleaseForBotAsync(this IGrainFactory grains, string botId, IReadOnlyList<QuotaCharge> charges)
    {
        if (await WorkspaceOfAsync(grains, botId) is { } workspaceId)
        {
            await grains.GetGrain<IWorkspaceBillingGrain>(workspaceId).ReleaseAsync(charges, botId);
        }
    }

    private static async Task<string?> WorkspaceOfAsync(IGrainFactory grains, string botId) =>
        (await grains.GetGrain<IChatbotGrain>(botId).GetAsync())?.WorkspaceId;

    /// <summary>Awaits a step after a charge; if it fails, gives the charge back and lets the failure through.</summary>
    public static async Task<T> WithQuotaRefundAsync<T>(this Task<T> step, IGrainFactory grains, string botId, IReadOnlyList<QuotaCharge> charges)
    {
        try
        {
            return await step;
        }
        catch
        {
            await grains.ReleaseForBotAsync(botId, charges);
            throw;
        }
    }

    /// <inheritdoc cref="WithQuotaRefundAsync{T}"/>
    public static async Task WithQuotaRefundAsync(this Task step, IGrainFactory grains, string botId, IReadOnlyList<QuotaCharge> charges)
    {
        try
        {
            await step;
        }
        catch
        {
            await grains.ReleaseForBotAsync(botId, charges);
            throw;
        }
    }
}
