using System.Buffers;
using System.Data.Common;
using Courier.Domain.Pipeline.Options;

namespace Courier.Domain.Pipeline.Formats;

/// <summary>Delimited text (CSV, pipe, tab, ...) with the four quoting modes, any line terminator and encoding.</summary>
public sealed class DelimitedFormat : IOutputFormat
{
    private const int WriterBufferSize = 1 << 16;

    public OutputFormat Kind => OutputFormat.Delimited;

    public async Task<long> WriteAsync(DbDataReader rows, OutputFileOptions options, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Delimited ?? new DelimitedOptions();
        if (settings.Validate() is [var first, ..])
        {
            throw new ArgumentException($"Delimited.{first.Field}: {first.Message}", nameof(options));
        }
        var newLine = settings.LineTerminator switch
        {
            LineTerminator.Lf => "\n",
            LineTerminator.Cr => "\r",
            _ => "\r\n",
        };
        using var writer = new StreamWriter(output, settings.ResolveEncoding(), WriterBufferSize, leaveOpen: true);
        var fields = new FieldWriter(writer, settings);
        var kinds = ColumnKinds.Of(rows);
        if (settings.Header)
        {
            for (var i = 0; i < rows.FieldCount; i++)
            {
                fields.Write(i, rows.GetName(i), isNumber: false, row: 0, column: rows.GetName(i));
            }
            writer.Write(newLine);
        }
        long count = 0;
        while (await rows.ReadAsync(cancellationToken))
        {
            count++;
            for (var i = 0; i < kinds.Length; i++)
            {
                var text = ValueText.Format(rows.GetValue(i), settings.DateTimeFormat);
                fields.Write(i, text, kinds[i] == ColumnKind.Number, count, rows.GetName(i));
            }
            writer.Write(newLine);
        }
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Writes one field with its delimiter, quoting it as the mode asks.</summary>
    private sealed class FieldWriter(StreamWriter writer, DelimitedOptions settings)
    {
        private readonly SearchValues<char> _special = SearchValues.Create(
            settings.Delimiter.Length == 1 ? $"{settings.Delimiter}{settings.Quote}\r\n" : $"{settings.Quote}\r\n");
        private readonly string _quote = settings.Quote.ToString();
        private readonly string _doubledQuote = new(settings.Quote, 2);

        public void Write(int index, string? text, bool isNumber, long row, string column)
        {
            if (index > 0)
            {
                writer.Write(settings.Delimiter);
            }
            var needsQuotes = text is not null && NeedsQuotes(text);
            var quote = settings.Quoting switch
            {
                QuotingMode.All => true,
                QuotingMode.NonNumeric => text is not null && !isNumber,
                QuotingMode.None when needsQuotes => throw new InvalidDataException(
                    $"Row {row}, column '{column}' holds the delimiter, the quote character or a line break, and quoting is None."),
                QuotingMode.None => false,
                _ => needsQuotes,
            };
            if (!quote)
            {
                writer.Write(text);
                return;
            }
            writer.Write(settings.Quote);
            if (text is not null)
            {
                writer.Write(text.Contains(settings.Quote, StringComparison.Ordinal) ? text.Replace(_quote, _doubledQuote, StringComparison.Ordinal) : text);
            }
            writer.Write(settings.Quote);
        }

        private bool NeedsQuotes(string text) =>
            text.AsSpan().ContainsAny(_special)
            || (settings.Delimiter.Length > 1 && text.Contains(settings.Delimiter, StringComparison.Ordinal));
    }
}
