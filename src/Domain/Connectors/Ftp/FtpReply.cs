namespace Courier.Domain.Connectors.Ftp;

/// <summary>A server reply: three-digit code and its text (all lines of a multi-line reply).</summary>
internal sealed record FtpReply(int Code, string Text)
{
    public bool IsPreliminary => Code is >= 100 and < 200;

    public bool IsSuccess => Code is >= 200 and < 400;

    public override string ToString() => $"{Code} {Text}";
}
