namespace Courier.Domain.Sources.Files;

/// <summary>How an incoming delimited file is written: its delimiter, quote, encoding and whether its first line is a header.</summary>
public sealed record DelimitedInput(string Delimiter = ",", string Encoding = "utf-8", bool HasHeader = true, char Quote = '"')
{
    /// <summary>
    /// The file's records as a reader of text columns, for re-formatting by the output formats;
    /// the column names come from the header, or are column1..N.
    /// </summary>
    public System.Data.Common.DbDataReader OpenReader(string path) => DelimitedTextReader.Open(path, this);
}
