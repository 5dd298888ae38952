using System.Collections;
using System.Data;
using System.Data.Common;

namespace Courier.Domain.Sources.Sql;

/// <summary>
/// Passes a query's reader through unchanged while counting the rows read, so the output formats
/// (which take a plain <see cref="DbDataReader"/>) log the running row count without knowing it.
/// At the end it applies the task's rule on empty results.
/// </summary>
internal sealed class CountingDataReader(DbDataReader inner, RowCountLog counter, bool allowNoRows) : DbDataReader
{
    private bool _finished;

    /// <summary>The reader underneath, for reading values without the pass-through call.</summary>
    public DbDataReader Inner => inner;

    public long Count => counter.Count;

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken) => Counted(await inner.ReadAsync(cancellationToken));

    public override bool Read() => Counted(inner.Read());

    private bool Counted(bool more)
    {
        if (more)
        {
            counter.Add(1);
            return true;
        }
        if (!_finished)
        {
            _finished = true;
            counter.Finish();
            if (counter.Count == 0 && !allowNoRows)
            {
                throw new SourceException("The query returned no rows, and this task does not allow an empty result.");
            }
        }
        return false;
    }

    public override object this[int ordinal] => inner[ordinal];

    public override object this[string name] => inner[name];

    public override int Depth => inner.Depth;

    public override int FieldCount => inner.FieldCount;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int RecordsAffected => inner.RecordsAffected;

    public override int VisibleFieldCount => inner.VisibleFieldCount;

    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

    public override char GetChar(int ordinal) => inner.GetChar(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);

    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

    public override string GetName(int ordinal) => inner.GetName(ordinal);

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override DataTable? GetSchemaTable() => inner.GetSchemaTable();

    public override string GetString(int ordinal) => inner.GetString(ordinal);

    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);

    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);

    public override object GetValue(int ordinal) => inner.GetValue(ordinal);

    public override int GetValues(object[] values) => inner.GetValues(values);

    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);

    public override bool NextResult() => inner.NextResult();

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => inner.NextResultAsync(cancellationToken);

    public override IEnumerator GetEnumerator() => inner.GetEnumerator();

    public override void Close() => inner.Close();

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
