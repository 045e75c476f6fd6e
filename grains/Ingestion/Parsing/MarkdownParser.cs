using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>Markdown (Markdig, with pipe tables) to headings, paragraphs, list items, table rows and code.</summary>
public static class MarkdownParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().Build();

    public static ParsedDocument Parse(string markdown, string fallbackTitle, int maxCharacters)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var blocks = new List<DocumentBlock>();
        Walk(document, blocks, inList: false);
        var title = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading && b.Level == 1)?.Text ?? fallbackTitle;
        return ParsedDocument.Clean(title, blocks, maxCharacters);
    }

    private static void Walk(ContainerBlock container, List<DocumentBlock> blocks, bool inList)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    blocks.Add(new DocumentBlock(BlockKind.Heading, InlineText(heading.Inline), heading.Level));
                    break;
                case ParagraphBlock paragraph:
                    blocks.Add(new DocumentBlock(inList ? BlockKind.ListItem : BlockKind.Paragraph, InlineText(paragraph.Inline)));
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        var cells = row.OfType<TableCell>()
                            .Select(cell => string.Join(" ", cell.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline))).Trim())
                            .Where(c => c.Length > 0);
                        blocks.Add(new DocumentBlock(BlockKind.TableRow, string.Join(" | ", cells)));
                    }

                    break;
                case CodeBlock code:
                    blocks.Add(new DocumentBlock(BlockKind.Code, code.Lines.ToString()));
                    break;
                case ListBlock list:
                    Walk(list, blocks, inList: true);
                    break;
                case ContainerBlock nested:
                    Walk(nested, blocks, inList);
                    break;
            }
        }
    }

    private static string InlineText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        Append(inline, text);
        return text.ToString();
    }

    private static void Append(Inline? inline, StringBuilder text)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Append(child, text);
                }

                break;
        }
    }
}
