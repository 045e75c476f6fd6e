namespace ChatSphere.Api.Auth;

/// <summary>
/// <c>ChatSphere:Email</c>: how account emails leave. With <see cref="Smtp"/>'s host set they go through that SMTP server;
/// without it the embedded shape writes them to the log, and the cluster shape refuses to start unless
/// <see cref="AllowLogDelivery"/> (tests only) says otherwise, so reset and invitation tokens never land in production logs.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "ChatSphere:Email";

    public SmtpOptions Smtp { get; init; } = new();

    /// <summary>Tests only: lets the cluster shape start without an SMTP server and write emails to the log, tokens redacted.</summary>
    public bool AllowLogDelivery { get; init; }
}

/// <summary>The SMTP server account emails are sent through (<c>ChatSphere:Email:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; init; }

    /// <summary>587 (submission with STARTTLS) unless set.</summary>
    public int Port { get; init; } = 587;

    /// <summary><c>StartTls</c> (default: upgrade the connection, refuse a server that cannot), <c>SslOnConnect</c> (TLS from
    /// the first byte, port 465) or <c>None</c> (plain text: only for a relay on the same private network).</summary>
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The sender address, optionally with a name: <c>ChatSphere &lt;no-reply@example.com&gt;</c>.</summary>
    public string? From { get; init; }
}

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    StartTls,
    SslOnConnect,
    None,
}
