namespace Courier.Destinations.Tests;

public sealed record CapturedAttachment(string FileName, byte[] Content);
