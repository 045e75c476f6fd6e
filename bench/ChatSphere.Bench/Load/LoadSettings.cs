namespace ChatSphere.Bench.Load;

/// <summary>How long the load phases run and what they expect back.</summary>
public sealed record LoadSettings(TimeSpan Warmup, TimeSpan Window, int ExpectedTokens);
