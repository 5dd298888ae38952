namespace Courier.Functions.Starts;

/// <summary>A start request's answer: the HTTP status and the JSON body, ready to send or store.</summary>
public sealed record StartAnswer(int StatusCode, string Json, string ContentType);
