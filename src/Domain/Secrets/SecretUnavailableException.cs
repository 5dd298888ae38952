namespace Courier.Domain.Secrets;

/// <summary>A secret could not be decrypted (unknown key id, tampered or foreign ciphertext). Never carries the secret.</summary>
public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException()
    {
    }

    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
