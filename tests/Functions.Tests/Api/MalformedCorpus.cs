using System.Text.Json;
using System.Text.Json.Nodes;
using Courier.Domain.Model;

namespace Courier.Functions.Tests.Api;

/// <summary>
/// More than a hundred malformed requests: bad JSON, wrong types, missing and unknown fields,
/// unknown kinds, bad cron, traversal in file names, huge bodies, bad GUIDs, bad query values.
/// </summary>
public static class MalformedCorpus
{
    private static readonly string[] Resources = ["projects", "tasks", "connections", "recipients", "groups"];

    public static IReadOnlyList<MalformedCase> Build(ApiSamples.World world, string taskETag, Guid taskId)
    {
        var cases = new List<MalformedCase>();
        foreach (var resource in Resources)
        {
            cases.AddRange(Generic(resource, ValidBody(resource, world)));
        }

        cases.AddRange(TaskCases(world, taskETag, taskId));
        cases.AddRange(ConnectionCases());
        cases.AddRange(OtherCases(world));
        return cases;
    }

    private static IEnumerable<MalformedCase> Generic(string resource, JsonObject valid)
    {
        var path = $"/api/{resource}";
        MalformedCase Post(string name, string? body, string field, string contentType = "application/json") =>
            new($"{resource} {name}", HttpMethod.Post, path, body, field, contentType);
        JsonObject With(Action<JsonObject> change)
        {
            var copy = valid.DeepClone().AsObject();
            change(copy);
            return copy;
        }

        var text = valid.ToJsonString();
        yield return Post("truncated JSON", text[..(text.Length / 2)], "body");
        yield return Post("empty body", "", "body");
        yield return Post("array body", "[]", "body");
        yield return Post("null body", "null", "body");
        yield return Post("comment in JSON", "/* hi */" + text, "body");
        yield return Post("trailing comma", text[..^1] + ",}", "body");
        yield return Post("unknown field", With(o => o["bogus"] = 1).ToJsonString(), "bogus");
        yield return Post("name as number", With(o => o["name"] = 5).ToJsonString(), "name");
        yield return Post("name null", With(o => o["name"] = null).ToJsonString(), "name");
        yield return Post("name missing", With(o => o.Remove("name")).ToJsonString(), "name");
        yield return Post("name empty", With(o => o["name"] = " ").ToJsonString(), "name");
        yield return Post("name given twice", "{\"name\":\"a\"," + text[1..], "name");
        yield return Post("id not a GUID", With(o => o["id"] = "not-a-guid").ToJsonString(), "id");
        yield return Post("id as number", With(o => o["id"] = 12).ToJsonString(), "id");
        yield return Post("huge body", With(o => o["name"] = new string('a', 1_100_000)).ToJsonString(), "body");
        yield return Post("text/plain", text, "Content-Type", "text/plain");
        yield return new($"{resource} get bad GUID", HttpMethod.Get, $"{path}/not-a-guid", null, "id");
        yield return new($"{resource} put bad GUID", HttpMethod.Put, $"{path}/12345", text, "id", IfMatch: "*");
        yield return new($"{resource} delete bad GUID", HttpMethod.Delete, $"{path}/{{00000000-zzzz}}", null, "id", IfMatch: "*");
        yield return new($"{resource} pageSize 0", HttpMethod.Get, $"{path}?pageSize=0", null, "pageSize");
        yield return new($"{resource} pageSize text", HttpMethod.Get, $"{path}?pageSize=ten", null, "pageSize");
        yield return new($"{resource} bad continuation", HttpMethod.Get, $"{path}?continuationToken=%27%20or%201%20eq%201", null, "continuationToken");
    }

    private static IEnumerable<MalformedCase> TaskCases(ApiSamples.World world, string etag, Guid taskId)
    {
        var valid = ValidBody("tasks", world);
        MalformedCase Post(string name, Action<JsonObject> change, string field)
        {
            var copy = valid.DeepClone().AsObject();
            change(copy);
            return new($"task {name}", HttpMethod.Post, "/api/tasks", copy.ToJsonString(), field);
        }

        JsonObject Report(JsonObject o) => o["reports"]![0]!.AsObject();
        JsonObject Output(JsonObject o) => Report(o)["output"]!.AsObject();

        yield return Post("cron that does not parse", o => o["schedules"] = Json("""[{"kind":"cron","cron":"61 * * * *"}]"""), "schedules[0].cron");
        yield return Post("cron with 7 fields", o => o["schedules"] = Json("""[{"kind":"cron","cron":"* * * * * * *"}]"""), "schedules[0].cron");
        yield return Post("cron as words", o => o["schedules"] = Json("""[{"kind":"cron","cron":"every day"}]"""), "schedules[0].cron");
        yield return Post("unknown time zone", o => o["schedules"] = Json("""[{"kind":"cron","cron":"0 6 * * *","timeZone":"Mars/Base"}]"""), "schedules[0].timeZone");
        yield return Post("interval without every", o => o["schedules"] = Json("""[{"kind":"interval"}]"""), "schedules[0].every");
        yield return Post("schedule kind unknown", o => o["schedules"] = Json("""[{"kind":"hourly"}]"""), "schedules[0].kind");
        yield return Post("file name with ..", o => Output(o)["fileNameTemplate"] = "../../etc/passwd", "reports[0].output.fileNameTemplate");
        yield return Post("file name with /", o => Output(o)["fileNameTemplate"] = "out/orders.csv", "reports[0].output.fileNameTemplate");
        yield return Post("file name with \\", o => Output(o)["fileNameTemplate"] = "out\\orders.csv", "reports[0].output.fileNameTemplate");
        yield return Post("file name with unclosed token", o => Output(o)["fileNameTemplate"] = "orders_{yesterday.csv", "reports[0].output.fileNameTemplate");
        yield return Post("file name empty", o => Output(o)["fileNameTemplate"] = "", "reports[0].output.fileNameTemplate");
        yield return Post("zip name traversal", o => { Output(o)["zip"] = true; Output(o)["zipFileNameTemplate"] = "..\\x.zip"; }, "reports[0].output.zipFileNameTemplate");
        yield return Post("unknown encoding", o => Output(o)["encoding"] = "utf-99", "reports[0].output.encoding");
        yield return Post("empty delimiter", o => Output(o)["delimiter"] = "", "reports[0].output.delimiter");
        yield return Post("unknown output format", o => Output(o)["format"] = "docx", "reports[0].output.format");
        yield return Post("pgp key connection of wrong kind", o => Output(o)["pgpKeyConnectionId"] = world.Sftp.ToString(), "reports[0].output.pgpKeyConnectionId");
        yield return Post("destination on a database connection", o => o["destinations"]![0]!["connectionId"] = world.Database.ToString(), "destinations[0].connectionId");
        yield return Post("destination on an unknown connection", o => o["destinations"]![0]!["connectionId"] = Guid.NewGuid().ToString(), "destinations[0].connectionId");
        yield return Post("destination kind unknown", o => o["destinations"]![0]!["kind"] = "dropbox", "destinations[0].kind");
        yield return Post("destination folder traversal", o => o["destinations"]![0]!["folder"] = "/in/../../etc", "destinations[0].folder");
        yield return Post("sql source on sftp", o => Report(o)["source"]!["connectionId"] = world.Sftp.ToString(), "reports[0].source.connectionId");
        yield return Post("source kind unknown", o => Report(o)["source"]!["kind"] = "nosql", "reports[0].source.kind");
        yield return Post("sql source without query", o => Report(o)["source"]!.AsObject().Remove("query"), "reports[0].source.query");
        yield return Post("report without output", o => Report(o).Remove("output"), "reports[0].output");
        yield return Post("no reports", o => o["reports"] = new JsonArray(), "reports");
        yield return Post("reports null element", o => o["reports"] = Json("[null]"), "reports[0]");
        yield return Post("projectId not a GUID", o => o["projectId"] = "abc", "projectId");
        yield return Post("projectId unknown", o => o["projectId"] = Guid.NewGuid().ToString(), "projectId");
        yield return Post("rank as text", o => o["rank"] = "first", "rank");
        yield return Post("rank negative", o => o["rank"] = -1, "rank");
        yield return Post("enabled as text", o => o["enabled"] = "yes", "enabled");
        yield return Post("tags as string", o => o["tags"] = "daily", "tags");
        yield return Post("tag null", o => o["tags"] = Json("[null]"), "tags[0]");
        yield return Post("retry negative", o => o["retry"] = Json("""{"maxRetries":-1}"""), "retry.maxRetries");
        yield return Post("retry unknown field", o => o["retry"] = Json("""{"count":3}"""), "retry.count");
        yield return Post("timeout not a duration", o => o["timeout"] = "forever", "timeout");
        yield return Post("row count condition on the task", o => o["conditions"] = Json("""[{"name":"c","source":"rowCount","value":"1"}]"""), "conditions[0].source");
        yield return Post("condition operator unknown", o => o["conditions"] = Json("""[{"name":"c","operator":"about","value":"1"}]"""), "conditions[0].operator");
        yield return Post("filter the project lacks", o => o["filters"] = Json("""["APAC only"]"""), "filters[0]");
        yield return Post("test mode without address", o => o["testMode"] = Json("""{"enabled":true}"""), "testMode.address");
        yield return Post("recipient unknown", o => o["recipientIds"] = new JsonArray(Guid.NewGuid().ToString()), "recipientIds[0]");
        yield return Post("recipient id not a GUID", o => o["recipientIds"] = Json("""["bob"]"""), "recipientIds[0]");
        yield return Post("webhook notification without address", o => o["notifications"] = Json("""[{"channel":"webhook","on":["error"]}]"""), "notifications[0].webhookAddress");
        yield return Post("trigger without upstream task", o => o["triggers"] = Json("""[{"kind":"taskCompleted"}]"""), "triggers[0].upstreamTaskId");

        var body = valid.ToJsonString();
        yield return new("task put without If-Match", HttpMethod.Put, $"/api/tasks/{taskId}", body, "If-Match");
        yield return new("task put with another id", HttpMethod.Put, $"/api/tasks/{taskId}", WithId(valid, Guid.NewGuid()), "id", IfMatch: etag);
        yield return new("task put with bad cron", HttpMethod.Put, $"/api/tasks/{taskId}", Changed(valid, o => o["schedules"] = Json("""[{"kind":"cron","cron":"0 0 32 * *"}]""")), "schedules[0].cron", IfMatch: etag);
        yield return new("task delete without If-Match", HttpMethod.Delete, $"/api/tasks/{taskId}", null, "If-Match");
        yield return new("tasks list projectId bad", HttpMethod.Get, "/api/tasks?projectId=nope", null, "projectId");
        yield return new("tasks list enabled bad", HttpMethod.Get, "/api/tasks?enabled=maybe", null, "enabled");
        yield return new("tasks list property without value", HttpMethod.Get, "/api/tasks?property=department", null, "property");
        yield return new("tasks list owner twice", HttpMethod.Get, "/api/tasks?owner=a&owner=b", null, "owner");
        yield return new("bulk enable ids not GUIDs", HttpMethod.Post, "/api/tasks/enable", """{"ids":["x"]}""", "ids[0]");
        yield return new("bulk enable empty", HttpMethod.Post, "/api/tasks/enable", """{"ids":[]}""", "ids");
        yield return new("bulk disable missing ids", HttpMethod.Post, "/api/tasks/disable", "{}", "ids");
        yield return new("bulk disable ids as object", HttpMethod.Post, "/api/tasks/disable", """{"ids":{}}""", "ids");
        yield return new("duplicate bad GUID", HttpMethod.Post, "/api/tasks/zz/duplicate", null, "id");
    }

    private static IEnumerable<MalformedCase> ConnectionCases()
    {
        MalformedCase Post(string name, string body, string field) => new($"connection {name}", HttpMethod.Post, "/api/connections", body, field);

        yield return Post("unknown kind", """{"name":"c","kind":"oracle"}""", "kind");
        yield return Post("kind as number", """{"name":"c","kind":1}""", "kind");
        yield return Post("kind missing", """{"name":"c"}""", "kind");
        yield return Post("sftp without host", """{"name":"c","kind":"sftp","settings":{"username":"u"},"secrets":{"password":"p"}}""", "settings.host");
        yield return Post("sftp without password or key", """{"name":"c","kind":"sftp","settings":{"host":"h","username":"u"}}""", "secrets.password");
        yield return Post("port out of range", """{"name":"c","kind":"ftp","settings":{"host":"h","port":70000}}""", "settings.port");
        yield return Post("port as text", """{"name":"c","kind":"ftp","settings":{"host":"h","port":"21"}}""", "settings.port");
        yield return Post("http address not http", """{"name":"c","kind":"http","settings":{"baseAddress":"ftp://x"}}""", "settings.baseAddress");
        yield return Post("gpg key not armored", """{"name":"c","kind":"gpgKey","secrets":{"pgpKey":"abc"}}""", "secrets.pgpKey");
        yield return Post("unknown secret", """{"name":"c","kind":"ftp","settings":{"host":"h"},"secrets":{"pin":"1"}}""", "secrets.pin");
        yield return Post("unknown setting", """{"name":"c","kind":"ftp","settings":{"host":"h","passive":true}}""", "settings.passive");
        yield return Post("smtp without from address", """{"name":"c","kind":"smtp","settings":{"host":"h"}}""", "settings.fromAddress");
        yield return new("connections list unknown kind", HttpMethod.Get, "/api/connections?kind=oracle", null, "kind");
    }

    private static IEnumerable<MalformedCase> OtherCases(ApiSamples.World world)
    {
        yield return new("recipient bad email", HttpMethod.Post, "/api/recipients", """{"name":"r","email":"not an address"}""", "email");
        yield return new("recipient email missing", HttpMethod.Post, "/api/recipients", """{"name":"r"}""", "email");
        yield return new("group unknown member", HttpMethod.Post, "/api/groups", $$"""{"name":"g","memberIds":["{{Guid.NewGuid()}}"]}""", "memberIds[0]");
        yield return new("group member not a GUID", HttpMethod.Post, "/api/groups", """{"name":"g","memberIds":["bob"]}""", "memberIds[0]");
        yield return new("project series without rule", HttpMethod.Post, "/api/projects", """{"name":"p","owner":"o","runMode":"series"}""", "rankConflictRule");
        yield return new("project run mode unknown", HttpMethod.Post, "/api/projects", """{"name":"p","owner":"o","runMode":"sequential"}""", "runMode");
        yield return new("project owner missing", HttpMethod.Post, "/api/projects", """{"name":"p"}""", "owner");
        yield return new("project filter without parameters", HttpMethod.Post, "/api/projects", """{"name":"p","owner":"o","filters":[{"name":"f"}]}""", "filters[0].parameters");
        yield return new("project parameter bad name", HttpMethod.Post, "/api/projects", """{"name":"p","owner":"o","parameters":[{"name":"1 x","value":"v"}]}""", "parameters[0].name");
        yield return new("export bad format", HttpMethod.Get, $"/api/projects/{world.Project}/export?format=xml", null, "format");
        yield return new("export bad GUID", HttpMethod.Get, "/api/projects/xyz/export", null, "id");
        yield return new("import bad YAML", HttpMethod.Post, "/api/projects/import", "project: [unclosed", "body", "application/yaml");
        yield return new("import unknown field", HttpMethod.Post, "/api/projects/import", """{"format":"courier.project/v1","project":{"name":"p","owner":"o"},"extra":1}""", "extra");
        yield return new("import wrong format version", HttpMethod.Post, "/api/projects/import", """{"format":"v0","project":{"name":"p","owner":"o","id":"5b0f2605-8d8f-4edf-8000-000000000009"}}""", "format");
        yield return new("import project missing", HttpMethod.Post, "/api/projects/import", """{"format":"courier.project/v1"}""", "project");
        yield return new("import dryRun not a bool", HttpMethod.Post, "/api/projects/import?dryRun=perhaps", "{}", "dryRun");
        yield return new("import content type", HttpMethod.Post, "/api/projects/import", "x", "Content-Type", "text/plain");
        yield return new("import task of another project", HttpMethod.Post, "/api/projects/import",
            $$"""{"project":{"id":"{{Guid.NewGuid()}}","name":"p","owner":"o"},"tasks":[{"id":"{{Guid.NewGuid()}}","name":"t","owner":"o","projectId":"{{world.Project}}","reports":[]}]}""",
            "tasks[0].projectId");
        yield return new("project delete force not a bool", HttpMethod.Delete, $"/api/projects/{world.Project}?force=sure", null, "force", IfMatch: "*");
    }

    private static JsonObject ValidBody(string resource, ApiSamples.World world) => (resource switch
    {
        "projects" => JsonSerializer.SerializeToNode(ApiSamples.Project(), CourierJson.Options),
        "tasks" => JsonSerializer.SerializeToNode(ApiSamples.Task(world), CourierJson.Options),
        "connections" => JsonSerializer.SerializeToNode(ApiSamples.Postgres(), CourierJson.Options),
        "recipients" => JsonSerializer.SerializeToNode(new Recipient { Name = "r", Email = "r@example.com" }, CourierJson.Options),
        _ => JsonSerializer.SerializeToNode(new RecipientGroup { Name = "g" }, CourierJson.Options),
    })!.AsObject();

    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    private static string WithId(JsonObject valid, Guid id) => Changed(valid, o => o["id"] = id.ToString());

    private static string Changed(JsonObject valid, Action<JsonObject> change)
    {
        var copy = valid.DeepClone().AsObject();
        change(copy);
        return copy.ToJsonString();
    }
}
