namespace ChatSphere.Grains.Knowledge;

/// <summary>
/// The text whose embedding stands for a Q&amp;A pair in the index: the question alone. Visitors ask questions, and
/// with MiniLM a question matches a question better than the question and answer together (measured on paraphrases
/// in QaMatchingStrategyTests: top-1 accuracy 100% against 95%). The answer is still what the bot replies with.
/// </summary>
internal static class QaEmbeddingText
{
    public static string Of(string question, string answer) => question;
}
