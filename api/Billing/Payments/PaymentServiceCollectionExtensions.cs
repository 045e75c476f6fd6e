using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Billing.Payments;

/// <summary>Registers the payment providers a plan change can go through.</summary>
public static class PaymentServiceCollectionExtensions
{
    /// <summary>
    /// The payment providers this build ships (the built-in <c>manual</c> one) and <see cref="PaymentProviders"/>, which
    /// picks the one named by <c>ChatSphere:Billing:Provider</c>. A real provider's adapter is one more
    /// <see cref="IPaymentProvider"/> registration.
    /// </summary>
    public static IServiceCollection AddChatSpherePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ManualPaymentOptions>(configuration.GetSection("ChatSphere:Billing:Manual"));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentProvider, ManualPaymentProvider>());
        services.TryAddSingleton(sp => new PaymentProviders(
            sp.GetServices<IPaymentProvider>(), configuration["ChatSphere:Billing:Provider"] is { Length: > 0 } name ? name : ManualPaymentProvider.ProviderName));
        return services;
    }
}

/// <summary>The registered providers by name, and the one plan changes go through.</summary>
public sealed class PaymentProviders
{
    private readonly Dictionary<string, IPaymentProvider> _byName;

    public PaymentProviders(IEnumerable<IPaymentProvider> providers, string current)
    {
        _byName = providers.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        Current = _byName.TryGetValue(current, out var provider)
            ? provider
            : throw new InvalidOperationException($"ChatSphere:Billing:Provider names '{current}', which is not one of: {string.Join(", ", _byName.Keys)}.");
    }

    public IPaymentProvider Current { get; }

    public IPaymentProvider? Find(string name) => _byName.GetValueOrDefault(name);
}
