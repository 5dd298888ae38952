namespace Courier.Domain.Connectors.Ftp;

/// <summary>The server answered a command with an error reply. The text is the server's, never our command line.</summary>
public sealed class FtpReplyException : IOException
{
    public FtpReplyException(string command, int code, string text)
        : base($"{command} was answered {code} {text}")
    {
        Code = code;
    }

    public FtpReplyException()
    {
    }

    public FtpReplyException(string message) : base(message)
    {
    }

    public FtpReplyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int Code { get; }
}
