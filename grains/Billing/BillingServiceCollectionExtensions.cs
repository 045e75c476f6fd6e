using ChatSphere.GrainInterfaces.Billing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Grains.Billing;

/// <summary>Registers plans, billing settings and the metering the billing grain relies on.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Plans (<c>ChatSphere:Plans:{Free,Pro,Business}:*</c>), billing settings (<c>ChatSphere:Billing:*</c>), the statement
    /// store and the silo's message meter. Needs <see cref="Storage.ChatSphereDatabase"/> registered.
    /// </summary>
    public static IServiceCollection AddChatSphereBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Configure(o => Read(configuration, o));
        services.TryAddSingleton(new BillingClock(TimeProvider.System));
        services.TryAddSingleton<BillingStatementStore>();
        services.TryAddSingleton<MessageUsageMeter>();
        services.AddHostedService<MessageMeterReporter>();
        return services;
    }

    private static void Read(IConfiguration configuration, BillingOptions options)
    {
        // A single-tenant embedded install has nobody to bill: no quotas unless configured.
        var embedded = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));
        var billing = configuration.GetSection("ChatSphere:Billing");
        options.DefaultPlan = billing.GetValue("DefaultPlan", embedded ? PlanTier.Unlimited : PlanTier.Free);
        options.MessageLeaseBlock = Math.Max(1, billing.GetValue("MessageLeaseBlock", options.MessageLeaseBlock));
        options.MeterReportInterval = billing.GetValue("MeterReportInterval", options.MeterReportInterval);
        options.MeterRefusalHold = billing.GetValue("MeterRefusalHold", options.MeterRefusalHold);

        var plans = configuration.GetSection("ChatSphere:Plans");
        options.Free = ReadLimits(plans.GetSection("Free"), options.Free);
        options.Pro = ReadLimits(plans.GetSection("Pro"), options.Pro);
        options.Business = ReadLimits(plans.GetSection("Business"), options.Business);
    }

    private static PlanLimits ReadLimits(IConfigurationSection section, PlanLimits defaults) => new()
    {
        Chatbots = section.GetValue(nameof(PlanLimits.Chatbots), defaults.Chatbots),
        MessagesPerMonth = section.GetValue(nameof(PlanLimits.MessagesPerMonth), defaults.MessagesPerMonth),
        KnowledgeCharacters = section.GetValue(nameof(PlanLimits.KnowledgeCharacters), defaults.KnowledgeCharacters),
        Sources = section.GetValue(nameof(PlanLimits.Sources), defaults.Sources),
        Seats = section.GetValue(nameof(PlanLimits.Seats), defaults.Seats),
        ApiRequestsPerMinute = section.GetValue(nameof(PlanLimits.ApiRequestsPerMinute), defaults.ApiRequestsPerMinute),
        VisitorMessagesPerMinute = section.GetValue(nameof(PlanLimits.VisitorMessagesPerMinute), defaults.VisitorMessagesPerMinute),
        BotMessagesPerMinute = section.GetValue(nameof(PlanLimits.BotMessagesPerMinute), defaults.BotMessagesPerMinute),
    };
}
