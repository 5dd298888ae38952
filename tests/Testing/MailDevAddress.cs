namespace Courier.Testing;

/// <summary>An address in a maildev message (<c>{ "address": ..., "name": ... }</c>).</summary>
public sealed record MailDevAddress(string Address, string? Name);
