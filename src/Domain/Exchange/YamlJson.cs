using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Courier.Domain.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Courier.Domain.Exchange;

/// <summary>
/// YAML as another spelling of the same JSON: written from, and read back into, a JSON tree, so
/// YAML imports go through the same strict reader. Strings that a plain scalar would turn into a
/// number, boolean or null are written quoted; plain scalars are read with those same rules.
/// </summary>
public static partial class YamlJson
{
    private const int MaxNodes = 200_000;

    public static void Write(JsonNode? node, TextWriter writer)
    {
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, node);
        emitter.Emit(new DocumentEnd(true));
        emitter.Emit(new StreamEnd());
    }

    public static JsonNode? Read(TextReader reader)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ValidationException([new ValidationError("body", $"is not valid YAML (line {e.Start.Line}, column {e.Start.Column})")]);
        }
        catch (ArgumentException)
        {
            throw new ValidationException([new ValidationError("body", "is not valid YAML (a key is given more than once)")]);
        }

        if (stream.Documents.Count != 1)
        {
            throw new ValidationException([new ValidationError("body", "must hold exactly one YAML document")]);
        }

        var count = 0;
        return Convert(stream.Documents[0].RootNode, ref count);
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject o:
                emitter.Emit(new MappingStart(null, null, true, o.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (name, child) in o)
                {
                    EmitString(emitter, name);
                    Emit(emitter, child);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray a:
                emitter.Emit(new SequenceStart(null, null, true, a.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var child in a)
                {
                    Emit(emitter, child);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                EmitString(emitter, text);
                break;
            default:
                // Numbers and booleans: their JSON text is also their plain YAML spelling.
                emitter.Emit(new Scalar(null, null, node.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string text)
    {
        var style = SafePlain().IsMatch(text) && !IsReserved(text) ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted;
        emitter.Emit(new Scalar(null, null, text, style, true, true));
    }

    private static JsonNode? Convert(YamlNode node, ref int count)
    {
        if (++count > MaxNodes)
        {
            throw new ValidationException([new ValidationError("body", $"has more than {MaxNodes} YAML nodes")]);
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new ValidationException([new ValidationError("body", "has a YAML key that is not a plain name")]);
                    }

                    obj[name] = Convert(value, ref count);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(Convert(item, ref count));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ValidationException([new ValidationError("body", "has an unsupported YAML node")]);
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null")
        {
            return null;
        }

        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if (Number().IsMatch(text))
        {
            // The pattern only admits JSON number syntax, so the text is its own JSON.
            return JsonNode.Parse(text);
        }

        return JsonValue.Create(text);
    }

    private static bool IsReserved(string text) =>
        text is "true" or "false" or "null" or "~" or "yes" or "no" or "on" or "off" or "y" or "n"
        || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
        || text.Equals("null", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9 _.@-]*[A-Za-z0-9_]$|^[A-Za-z]$")]
    private static partial Regex SafePlain();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex Number();
}
