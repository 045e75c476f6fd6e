namespace ChatSphere.Grains.Storage;

/// <summary>Titles as stored: at most 500 characters, cut with an ellipsis.</summary>
public static class Titles
{
    public const int MaxLength = 500;

    public static string Fit(string title)
    {
        var trimmed = title.Trim();
        return trimmed.Length <= MaxLength ? trimmed : trimmed[..(MaxLength - 1)].TrimEnd() + "…";
    }
}
