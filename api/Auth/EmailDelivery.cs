using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Auth;

/// <summary>Chooses how account emails leave (see <see cref="EmailOptions"/>) and the address their links point at.</summary>
public static class EmailDelivery
{
    /// <summary>Throws <see cref="InvalidOperationException"/> (a start-up error) when the cluster shape has no public URL or no
    /// SMTP server and did not opt into log delivery. An <see cref="IEmailSender"/> registered before this call is kept.</summary>
    public static void AddChatSphereEmail(this IServiceCollection services, IConfiguration configuration, ChatSphereTopology topology)
    {
        var publicUrl = PublicAddress.Resolve(configuration, topology);
        services.AddSingleton(sp => new PublicAddress(sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(), publicUrl));

        var section = configuration.GetSection(EmailOptions.Section);
        services.AddOptions<EmailOptions>().Bind(section);
        var options = section.Get<EmailOptions>() ?? new EmailOptions();
        if (services.Any(d => d.ServiceType == typeof(IEmailSender)))
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(options.Smtp.Host))
        {
            SmtpEmailSender.Validate(options.Smtp);
            services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else if (!topology.IsCluster || options.AllowLogDelivery)
        {
            services.TryAddSingleton<IEmailSender, LogEmailSender>();
        }
        else
        {
            throw new InvalidOperationException(
                $"{EmailOptions.Section}:Smtp (Host, Port, Security, User, Password, From) is required in the cluster shape: account emails "
                + "carry password-reset and invitation tokens, which must reach their owner rather than the log.");
        }
    }
}
