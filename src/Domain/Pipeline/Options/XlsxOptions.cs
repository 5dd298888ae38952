using System.Buffers;

namespace Courier.Domain.Pipeline.Options;

/// <summary>Settings of an XLSX workbook with one sheet.</summary>
/// <param name="SheetName">1–31 characters, none of <c>: \ / ? * [ ]</c>.</param>
/// <param name="Header">Whether the first row holds the column names.</param>
public sealed record XlsxOptions(string SheetName = "Sheet1", bool Header = true)
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(":\\/?*[]");

    public IReadOnlyList<OptionError> Validate() =>
        string.IsNullOrWhiteSpace(SheetName) || SheetName.Length > 31 || SheetName.AsSpan().ContainsAny(Forbidden)
            ? [new(nameof(SheetName), "The sheet name must be 1–31 characters without : \\ / ? * [ ].")]
            : [];
}
