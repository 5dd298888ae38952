namespace Courier.Domain.Sources.Sql.PgWire;

/// <summary>The column types whose binary COPY form <see cref="PgBinaryText"/> prints exactly as the server's CSV.</summary>
internal enum PgColumnKind : byte
{
    Text,
    Int16,
    Int32,
    Int64,
    Boolean,
    Float4,
    Float8,
    Numeric,
    Uuid,
    Date,
    Timestamp,
    TimestampTz,
}
