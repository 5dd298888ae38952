using System.Text;
using Courier.Domain.Model;
using Courier.Domain.Pipeline.Options;
using OutputFormat = Courier.Domain.Model.OutputFormat;

namespace Courier.Domain.Validation;

/// <summary>Rules for one report of a task: source, processing, output, conditions, Hub.</summary>
internal static class ReportRules
{
    static ReportRules() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static void Validate(FieldErrors errors, ReportDefinition report, TaskValidationContext context)
    {
        CommonRules.Name(errors, "name", report.Name);
        Source(errors.At("source"), report.Source, report.Processing is not null, context);
        if (report.Processing is { } processing)
        {
            var item = errors.At("processing");
            CommonRules.Name(item, "language", processing.Language);
            CommonRules.PositiveSeconds(item, "timeoutSeconds", processing.TimeoutSeconds);
            ReferenceRules.Code(item.At("code"), processing.Code, context);
        }

        Output(errors.At("output"), report.Output, report.Source.Kind, context);
        ReferenceRules.Conditions(errors, report.Conditions, context, reportLevel: true);
        if (report.Hub is { } hub)
        {
            var item = errors.At("hub");
            if (hub.RetentionCount < 0)
            {
                item.Add("retentionCount", "must be 0 (keep all) or more");
            }

            CommonRules.Text(item, "folder", hub.Folder, CommonRules.MaxNameLength);
            if (hub.Folder is { } folder && folder.Split('/', '\\').Contains(".."))
            {
                item.Add("folder", "must not contain '..'");
            }

            ReferenceRules.Recipients(item, "recipientIds", hub.RecipientIds, context.RecipientIds, "recipient");
            ReferenceRules.Recipients(item, "groupIds", hub.GroupIds, context.GroupIds, "group");
        }
    }

    private static void Source(FieldErrors errors, SourceDefinition source, bool hasProcessing, TaskValidationContext context)
    {
        CommonRules.PositiveSeconds(errors, "timeoutSeconds", source.TimeoutSeconds);
        CommonRules.Parameters(errors, "parameters", source.Parameters);
        var allowed = ConnectionKinds.ForSource(source.Kind);
        switch (source.Kind)
        {
            case SourceKind.Sql or SourceKind.SshCommand:
                ReferenceRules.Connection(errors, "connectionId", source.ConnectionId, allowed, context, required: true);
                if (source.Query is null)
                {
                    errors.Add("query", source.Kind == SourceKind.Sql ? "is required for a sql source" : "is required (the command) for an sshCommand source");
                }
                else
                {
                    ReferenceRules.Code(errors.At("query"), source.Query, context);
                }

                break;
            case SourceKind.RemoteFile:
                ReferenceRules.Connection(errors, "connectionId", source.ConnectionId, allowed, context, required: true);
                if (string.IsNullOrWhiteSpace(source.Path))
                {
                    errors.Add("path", "is required for a remoteFile source");
                }
                else if (source.Path.Split('/', '\\').Contains(".."))
                {
                    errors.Add("path", "must not contain '..'");
                }

                break;
            case SourceKind.Script:
                if (!hasProcessing)
                {
                    errors.Add("kind", "a script source needs the report's processing script");
                }

                if (source.ConnectionId is not null)
                {
                    errors.Add("connectionId", "a script source takes no connection");
                }

                break;
            default:
                break;
        }

        if (source.Kind != SourceKind.RemoteFile && source.Path is not null)
        {
            errors.Add("path", "applies only to remoteFile sources");
        }

        if (source.Delimiter is "")
        {
            errors.Add("delimiter", "must not be empty when given");
        }
    }

    private static void Output(FieldErrors errors, ReportOutput output, SourceKind sourceKind, TaskValidationContext context)
    {
        if (FileNameTemplateRule.Check(output.FileNameTemplate) is { } rule)
        {
            errors.Add("fileNameTemplate", rule);
        }

        if (output.ZipFileNameTemplate is not null && FileNameTemplateRule.Check(output.ZipFileNameTemplate) is { } zipRule)
        {
            errors.Add("zipFileNameTemplate", zipRule);
        }

        if (output.ZipFileNameTemplate is not null && !output.Zip)
        {
            errors.Add("zipFileNameTemplate", "applies only when zip is true");
        }

        if (string.IsNullOrEmpty(output.Delimiter) || output.Delimiter.Length > 10 || output.Delimiter.Any(c => c is '\r' or '\n' or '"'))
        {
            errors.Add("delimiter", "must be 1 to 10 characters, without quotes or line breaks");
        }

        if (output.LineSuffix is { } suffix && (suffix.Length > 100 || suffix.Any(c => c is '\r' or '\n')))
        {
            errors.Add("lineSuffix", "must be at most 100 characters without line breaks");
        }

        if (!IsKnownEncoding(output.Encoding))
        {
            errors.Add("encoding", "is not a known character encoding (e.g. utf-8, windows-1252)");
        }

        if (output.Format == OutputFormat.FixedWidth && (output.ColumnWidths.Count == 0 || output.ColumnWidths.Any(w => w <= 0)))
        {
            errors.Add("columnWidths", "must list a positive width for each column of a fixedWidth output");
        }

        if (output.Format != OutputFormat.FixedWidth && output.ColumnWidths.Count > 0)
        {
            errors.Add("columnWidths", "applies only to fixedWidth outputs");
        }

        if (output.SheetName is { } sheet && (sheet.Length is 0 or > 31 || sheet.Any(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']')))
        {
            errors.Add("sheetName", "must be 1 to 31 characters without : \\ / ? * [ ]");
        }

        if (!ReportOutputMapping.IsSupported(output.Format) && output.Format != OutputFormat.Original)
        {
            errors.Add("format", "is not produced by this version yet (csv, xlsx, json or original)");
        }

        if (output.Format == OutputFormat.Original && sourceKind == SourceKind.Sql)
        {
            errors.Add("format", "original keeps a source file as it is; a sql source needs a format");
        }

        ReferenceRules.Connection(errors, "pgpKeyConnectionId", output.PgpKeyConnectionId, new HashSet<ConnectionKind> { ConnectionKind.GpgKey }, context, required: false);
    }

    private static bool IsKnownEncoding(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            _ = Encoding.GetEncoding(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
