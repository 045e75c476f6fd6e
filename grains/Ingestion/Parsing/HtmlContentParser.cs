using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatSphere.Grains.Ingestion.Parsing;

/// <summary>
/// The main content of an HTML page (AngleSharp): navigation, headers, footers, sidebars, forms, scripts and styles
/// are dropped; the rest becomes headings, paragraphs, list items, table rows and code, in reading order. Links are
/// collected from the whole page (navigation included) for crawling.
/// </summary>
public static class HtmlContentParser
{
    private static readonly string[] Boilerplate =
    [
        "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "nav", "footer", "aside",
        "form", "button", "select", "dialog", "[role=navigation]", "[role=banner]", "[role=contentinfo]", "[role=search]",
        "[role=complementary]", "[aria-hidden=true]", "[hidden]",
    ];

    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "span", "strong", "em", "b", "i", "u", "code", "small", "sup", "sub", "abbr", "mark", "label", "time", "q",
        "cite", "kbd", "var", "s", "del", "ins", "font", "img",
    };

    public static (ParsedDocument Document, IReadOnlyList<Uri> Links) Parse(string html, Uri? address, int maxCharacters)
    {
        var document = new HtmlParser().ParseDocument(html);
        var baseAddress = address;
        if (document.QuerySelector("base[href]")?.GetAttribute("href") is { } baseHref && Uri.TryCreate(address, baseHref, out var declared))
        {
            baseAddress = declared;
        }

        var links = new List<Uri>();
        foreach (var anchor in document.QuerySelectorAll("a[href]"))
        {
            if (Uri.TryCreate(baseAddress, anchor.GetAttribute("href")!.Trim(), out var link))
            {
                links.Add(link);
            }
        }

        var title = document.Title?.Trim() ?? "";
        foreach (var element in document.QuerySelectorAll(string.Join(", ", Boilerplate)).ToArray())
        {
            element.Remove();
        }

        // Page-level headers are chrome; a header inside the main content or an article is its title block.
        foreach (var header in document.QuerySelectorAll("header").Where(h => h.Closest("main, article, [role=main]") is null).ToArray())
        {
            header.Remove();
        }

        var root = document.QuerySelector("main, [role=main]")
            ?? (document.QuerySelectorAll("article") is { Length: 1 } articles ? articles[0] : null)
            ?? document.Body
            ?? (IElement?)document.DocumentElement;
        var blocks = new List<DocumentBlock>();
        if (root is not null)
        {
            new Walker(blocks).Walk(root);
        }

        if (title.Length == 0)
        {
            title = blocks.FirstOrDefault(b => b.Kind == BlockKind.Heading)?.Text ?? "";
        }

        return (ParsedDocument.Clean(title, blocks, maxCharacters), links);
    }

    private sealed class Walker(List<DocumentBlock> blocks)
    {
        private readonly StringBuilder _pending = new();

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text)
                {
                    _pending.Append(text.Data);
                    continue;
                }

                if (child is not IElement element)
                {
                    continue;
                }

                switch (element.LocalName)
                {
                    case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                        Add(BlockKind.Heading, element.TextContent, element.LocalName[1] - '0');
                        break;
                    case "p" or "blockquote" or "dt" or "dd" or "figcaption" or "caption" or "summary":
                        Add(BlockKind.Paragraph, element.TextContent);
                        break;
                    case "li":
                        Add(BlockKind.ListItem, OwnText(element));
                        foreach (var nested in element.Children.Where(c => c.LocalName is "ul" or "ol"))
                        {
                            Walk(nested);
                        }

                        break;
                    case "tr":
                        Add(BlockKind.TableRow, string.Join(" | ", element.Children
                            .Where(c => c.LocalName is "td" or "th")
                            .Select(c => c.TextContent.Trim())
                            .Where(c => c.Length > 0)));
                        break;
                    case "pre":
                        Add(BlockKind.Code, element.TextContent);
                        break;
                    case "br":
                        _pending.Append('\n');
                        break;
                    default:
                        if (Inline.Contains(element.LocalName))
                        {
                            _pending.Append(element.TextContent);
                        }
                        else
                        {
                            Flush();
                            Walk(element);
                            Flush();
                        }

                        break;
                }
            }
        }

        private static string OwnText(IElement item)
        {
            var text = new StringBuilder();
            foreach (var child in item.ChildNodes)
            {
                if (child is IElement { LocalName: "ul" or "ol" })
                {
                    continue;
                }

                text.Append(child.TextContent).Append(' ');
            }

            return text.ToString();
        }

        private void Add(BlockKind kind, string text, int level = 0)
        {
            Flush();
            blocks.Add(new DocumentBlock(kind, text, level));
        }

        private void Flush()
        {
            if (_pending.Length > 0)
            {
                var text = _pending.ToString();
                _pending.Clear();
                if (!string.IsNullOrWhiteSpace(text))
                {
                    blocks.Add(new DocumentBlock(BlockKind.Paragraph, text));
                }
            }
        }
    }
}
