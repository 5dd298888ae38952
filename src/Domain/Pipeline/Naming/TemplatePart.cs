namespace Courier.Domain.Pipeline.Naming;

/// <summary>One piece of a parsed template: literal text or a <c>{token}</c>.</summary>
internal abstract record TemplatePart
{
    public abstract string Render(FileNameContext context);
}

internal sealed record LiteralPart(string Text) : TemplatePart
{
    public override string Render(FileNameContext context) => Text;
}

internal sealed record ParameterPart(string Name) : TemplatePart
{
    public override string Render(FileNameContext context) =>
        context.TryGetParameter(Name, out var value)
            ? value
            : throw new FileNameException($"The file name uses parameter '{Name}', which neither the task nor the project defines.");
}

internal sealed record RunPart(string Token) : TemplatePart
{
    public override string Render(FileNameContext context) => Token switch
    {
        "project" => context.Project,
        "task" => context.Task,
        _ => RunIdName.Of(context.RunId),
    };
}
