using System.Collections;
using System.Data.Common;
using System.Text;
using Courier.Domain.Pipeline.Text;

namespace Courier.Domain.Sources.Files;

/// <summary>
/// Reads a delimited text file one record at a time as a <see cref="DbDataReader"/> of text columns,
/// so a fetched file can be re-formatted by the same output formats as a query (CSV → pipe, → XLSX).
/// Quoted fields may hold delimiters, doubled quotes and line breaks. Memory holds one record.
/// </summary>
internal sealed class DelimitedTextReader : DbDataReader
{
    private readonly TextReader _text;
    private readonly DelimitedInput _input;
    private readonly string[] _names;
    private string[] _record = [];
    private bool _closed;

    private DelimitedTextReader(TextReader text, DelimitedInput input, string[] names, string[]? first)
    {
        _text = text;
        _input = input;
        _names = names;
        _pending = first;
    }

    private string[]? _pending;

    /// <summary>Opens <paramref name="path"/>; the column names come from its header, or are column1..N.</summary>
    public static DelimitedTextReader Open(string path, DelimitedInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var encoding = TextEncodings.Find(input.Encoding) ?? throw new SourceException($"Unknown encoding '{input.Encoding}'.");
        if (string.IsNullOrEmpty(input.Delimiter))
        {
            throw new SourceException("The source delimiter must not be empty.");
        }
        var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        var first = ReadRecord(text, input);
        if (first is null)
        {
            return new DelimitedTextReader(text, input, [], null);
        }
        return input.HasHeader
            ? new DelimitedTextReader(text, input, first, null)
            : new DelimitedTextReader(text, input, [.. Enumerable.Range(1, first.Length).Select(i => $"column{i}")], first);
    }

    public override bool Read()
    {
        var record = _pending ?? ReadRecord(_text, _input);
        _pending = null;
        if (record is null)
        {
            return false;
        }
        // Short records are padded so every row has every column; longer ones are an error worth seeing.
        if (record.Length > _names.Length)
        {
            throw new SourceException($"A record has {record.Length} fields but the file has {_names.Length} columns.");
        }
        _record = record.Length == _names.Length ? record : [.. record, .. Enumerable.Repeat("", _names.Length - record.Length)];
        return true;
    }

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());

    private static string[]? ReadRecord(TextReader text, DelimitedInput input)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var delimiter = input.Delimiter;
        var quote = input.Quote;
        var inQuotes = false;
        var any = false;
        int c;
        while ((c = text.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == quote)
                {
                    if (text.Peek() == quote)
                    {
                        text.Read();
                        field.Append(quote);
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == quote && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && text.Peek() == '\n')
                {
                    text.Read();
                }
                fields.Add(field.ToString());
                return [.. fields];
            }
            else
            {
                field.Append(ch);
                if (field.Length >= delimiter.Length && EndsWith(field, delimiter))
                {
                    field.Length -= delimiter.Length;
                    fields.Add(field.ToString());
                    field.Clear();
                }
            }
        }
        if (!any)
        {
            return null;
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    private static bool EndsWith(StringBuilder builder, string suffix)
    {
        for (var i = 0; i < suffix.Length; i++)
        {
            if (builder[builder.Length - suffix.Length + i] != suffix[i])
            {
                return false;
            }
        }
        return true;
    }

    public override int FieldCount => _names.Length;

    public override string GetName(int ordinal) => _names[ordinal];

    public override int GetOrdinal(string name) => Array.IndexOf(_names, name);

    public override Type GetFieldType(int ordinal) => typeof(string);

    public override string GetDataTypeName(int ordinal) => "text";

    public override string GetString(int ordinal) => _record[ordinal];

    public override object GetValue(int ordinal) => _record[ordinal];

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, _record.Length);
        Array.Copy(_record, values, count);
        return count;
    }

    public override bool IsDBNull(int ordinal) => false;

    public override object this[int ordinal] => _record[ordinal];

    public override object this[string name] => _record[GetOrdinal(name)];

    public override int Depth => 0;

    public override bool HasRows => _names.Length > 0;

    public override bool IsClosed => _closed;

    public override int RecordsAffected => -1;

    public override bool NextResult() => false;

    public override bool GetBoolean(int ordinal) => throw NotText();

    public override byte GetByte(int ordinal) => throw NotText();

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw NotText();

    public override char GetChar(int ordinal) => throw NotText();

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw NotText();

    public override DateTime GetDateTime(int ordinal) => throw NotText();

    public override decimal GetDecimal(int ordinal) => throw NotText();

    public override double GetDouble(int ordinal) => throw NotText();

    public override float GetFloat(int ordinal) => throw NotText();

    public override Guid GetGuid(int ordinal) => throw NotText();

    public override short GetInt16(int ordinal) => throw NotText();

    public override int GetInt32(int ordinal) => throw NotText();

    public override long GetInt64(int ordinal) => throw NotText();

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override void Close()
    {
        _closed = true;
        _text.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }
        base.Dispose(disposing);
    }

    private static InvalidCastException NotText() => new("Every column of a delimited text file is text; read it with GetString.");
}
