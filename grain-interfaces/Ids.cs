using System.Security.Cryptography;

namespace ChatSphere.GrainInterfaces;

/// <summary>Opaque, URL-safe, prefixed ids (for example <c>bot_3kTMd92jQfE1xZpA7sLbWq</c>).</summary>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string prefix) => prefix + "_" + RandomNumberGenerator.GetString(Alphabet, 22);

    /// <summary>True for the shape <see cref="New"/> makes with any prefix: letters, digits, '_' and '-', 1 to 64 characters.</summary>
    public static bool IsWellFormed(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
