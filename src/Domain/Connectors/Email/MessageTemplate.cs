using System.Text.Encodings.Web;
using Fluid;

namespace Courier.Domain.Connectors.Email;

/// <summary>Liquid templates (Fluid) for subjects and bodies, given the run's variables.</summary>
public static class MessageTemplate
{
    private static readonly FluidParser Parser = new();

    /// <summary>Renders <paramref name="source"/>; throws <see cref="TemplateException"/> when it does not parse or render.</summary>
    public static string Render(string source, IReadOnlyDictionary<string, object?> variables, bool html)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new TemplateException($"The template does not parse: {error}");
        }
        var context = new TemplateContext(new TemplateOptions());
        foreach (var (name, value) in variables)
        {
            context.SetValue(name, value);
        }
        try
        {
            return template.Render(context, html ? HtmlEncoder.Default : NullEncoder.Default);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new TemplateException($"The template failed to render: {e.Message}", e);
        }
    }
}
