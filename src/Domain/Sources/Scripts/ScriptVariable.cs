namespace Courier.Domain.Sources.Scripts;

/// <summary>
/// An environment variable for a script: task or project metadata or a parameter. A secret is
/// passed only when it is marked for scripts, and its value is masked in what the script prints.
/// </summary>
public sealed record ScriptVariable(string Name, string Value, bool IsSecret = false, bool PassSecretToScript = false)
{
    public bool IsPassed => !IsSecret || PassSecretToScript;

    public override string ToString() => IsSecret ? $"{Name}=***" : $"{Name}={Value}";
}
