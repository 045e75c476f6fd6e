using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>A CSV file (CsvHelper): the first row names the columns; each further row becomes "Column: value | ...".</summary>
public static class CsvDocumentParser
{
    public static ParsedDocument Parse(string text, string fallbackTitle, int maxCharacters)
    {
        var blocks = new List<DocumentBlock>();
        using var reader = new CsvReader(new StringReader(text), Configuration());
        try
        {
            if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { Length: > 0 } header)
            {
                throw new IngestionException("The CSV file is empty.");
            }

            var characters = 0L;
            while (reader.Read() && characters < maxCharacters)
            {
                var cells = new List<string>(header.Length);
                for (var i = 0; i < reader.Parser.Count; i++)
                {
                    var value = reader.GetField(i)?.Trim() ?? "";
                    if (value.Length > 0)
                    {
                        cells.Add(i < header.Length && header[i].Trim().Length > 0 ? $"{header[i].Trim()}: {value}" : value);
                    }
                }

                var row = string.Join(" | ", cells);
                characters += row.Length;
                blocks.Add(new DocumentBlock(BlockKind.TableRow, row));
            }
        }
        catch (CsvHelperException exception)
        {
            throw new IngestionException("The CSV file could not be read: " + exception.Message.Split('\n')[0], exception);
        }

        return ParsedDocument.Clean(fallbackTitle, blocks, maxCharacters);
    }

    internal static CsvConfiguration Configuration() => new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        BadDataFound = null,
        MissingFieldFound = null,
        TrimOptions = TrimOptions.Trim,
    };
}
