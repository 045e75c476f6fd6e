namespace ChatSphere.Grains.Knowledge;

/// <summary>The text whose embedding stands for a Q&amp;A pair in the index.</summary>
internal static class QaEmbeddingText
{
    public static string Of(string question, string answer) => question;
}
