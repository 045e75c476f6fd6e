using System.Text;

namespace ChatSphere.Bench.Reporting;

/// <summary>A small table rendered as aligned console text or as Markdown.</summary>
public sealed class Table(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public string Title { get; } = title;

    public bool IsEmpty => _rows.Count == 0;

    public void Add(params string[] cells) => _rows.Add(cells);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select((_, i) => i == 0 ? " --- " : " ---: ")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
        }

        return text.ToString();
    }

    public string ToConsole()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Select(r => r.ElementAtOrDefault(i)?.Length ?? 0).DefaultIfEmpty().Max())).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Title);
        void Line(IReadOnlyList<string> cells) => text.Append("  ")
            .AppendJoin("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).AppendLine();
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in _rows)
        {
            Line(row);
        }

        return text.ToString();
    }
}
