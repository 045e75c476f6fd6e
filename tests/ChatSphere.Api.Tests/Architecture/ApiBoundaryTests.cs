using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ChatSphere.Api.Tests.Architecture;

/// <summary>
/// The front end knows grains only through their interfaces (ChatSphere.GrainInterfaces): the compiled API assembly
/// may name no type of ChatSphere.Grains. Every type an assembly uses from another one, in a signature, a method
/// body or an attribute, is a row of its TypeReference table, so reading that table finds each use the compiler kept.
/// </summary>
public sealed class ApiBoundaryTests
{
    private const string GrainsAssembly = "ChatSphere.Grains";

    /// <summary>Grain-side types the API may name. None: the silo set-up it calls lives in ChatSphere.Silo.</summary>
    private static readonly HashSet<string> Allowed = [];

    [Fact]
    public void The_api_names_no_type_of_the_grains_assembly()
    {
        var used = TypesUsedFrom(typeof(Program).Assembly.Location, GrainsAssembly);

        var forbidden = used.Where(t => !Allowed.Contains(t)).Order(StringComparer.Ordinal).ToList();
        Assert.True(forbidden.Count == 0,
            "api/ uses these types of ChatSphere.Grains; move code only the API uses to api/ and values both sides need to "
            + "grain-interfaces/:" + Environment.NewLine + string.Join(Environment.NewLine, forbidden));
    }

    [Fact]
    public void No_source_file_of_the_api_names_a_grains_namespace()
    {
        // Constants are copied into the code that reads them, so the compiled API keeps no trace of a grain-side const:
        // the sources are read for those. (The namespace written whole, or relative to ChatSphere as `Grains.`.)
        var api = Path.Combine(RepositoryRoot(), "api");
        var offending = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"(^|[^\w.])(ChatSphere\.)?Grains\.[A-Z]"))
            .Select(l => $"{Path.GetRelativePath(api, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "api/ names ChatSphere.Grains:" + Environment.NewLine + string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void The_reader_finds_a_use_of_another_assembly()
    {
        // The same reading over the API's uses of the silo's hosting set-up, which it must find (the test can fail).
        var used = TypesUsedFrom(typeof(Program).Assembly.Location, "ChatSphere.Silo");

        Assert.Contains("ChatSphere.Silo.Hosting.ChatSphereSiloExtensions", used);
    }

    /// <summary>Full names (nested types as <c>Outer+Inner</c>) of the types <paramref name="assemblyPath"/> references in <paramref name="target"/>.</summary>
    internal static HashSet<string> TypesUsedFrom(string assemblyPath, string target)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var reference = metadata.GetTypeReference(handle);
            var name = FullName(metadata, reference);
            var scope = reference.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                var outer = metadata.GetTypeReference((TypeReferenceHandle)scope);
                name = FullName(metadata, outer) + "+" + name;
                scope = outer.ResolutionScope;
            }

            if (scope.Kind == HandleKind.AssemblyReference
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope).Name) == target)
            {
                used.Add(name);
            }
        }

        return used;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatSphere.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("ChatSphere.sln not found above " + AppContext.BaseDirectory);
    }

    private static string FullName(MetadataReader metadata, TypeReference reference) =>
        reference.Namespace.IsNil
            ? metadata.GetString(reference.Name)
            : metadata.GetString(reference.Namespace) + "." + metadata.GetString(reference.Name);
}
