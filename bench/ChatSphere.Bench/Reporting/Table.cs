using System.Text;

namespace ChatSphere.Bench.Reporting;

/// <summary>A small table rendered as aligned console text or as Markdown: the first column (a label) on the left, figures on the right.</summary>
public sealed class Table(string title, params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _leftAligned = [0];

    public string Title { get; } = title;

    public bool IsEmpty => _rows.Count == 0;

    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Columns of text rather than figures, aligned left.</summary>
    public Table AlignLeft(params int[] columns)
    {
        _leftAligned.UnionWith(columns);
        return this;
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select((_, i) => _leftAligned.Contains(i) ? " --- " : " ---: ")).AppendLine("|");
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
            .AppendJoin("  ", cells.Select((c, i) => _leftAligned.Contains(i) ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).AppendLine();
        Line(headers);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in _rows)
        {
            Line(row);
        }

        return text.ToString();
    }
}
