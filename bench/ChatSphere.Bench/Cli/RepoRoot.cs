namespace ChatSphere.Bench.Cli;

/// <summary>Finds the repository (the folder holding ChatSphere.sln) from the current folder or the bench's own.</summary>
public static class RepoRoot
{
    private const string Marker = "ChatSphere.sln";

    public static string Find(string? given)
    {
        if (given is not null)
        {
            return File.Exists(Path.Combine(given, Marker))
                ? Path.GetFullPath(given)
                : throw new DirectoryNotFoundException($"{given} holds no {Marker}.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, Marker)))
                {
                    return folder.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"No {Marker} above {Directory.GetCurrentDirectory()}: run from the repository or pass --repo.");
    }
}
