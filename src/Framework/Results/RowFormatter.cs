using System.Globalization;
using System.Text;

namespace Framework;

/// <summary>Renders values the way rows print: invariant culture, strings as they are, NULL as <c>null</c>.</summary>
internal static class RowFormatter
{
    public static string Format(IReadOnlyList<object?> values)
    {
        var text = new StringBuilder("(");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append(FormatValue(values[i]));
        }
        // A one-element tuple keeps its comma, as Python prints it.
        return text.Append(values.Count == 1 ? ",)" : ")").ToString();
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        byte[] bytes => "0x" + Convert.ToHexString(bytes.Length > 32 ? bytes.AsSpan(0, 32) : bytes) + (bytes.Length > 32 ? "..." : ""),
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
