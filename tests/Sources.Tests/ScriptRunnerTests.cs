using System.IO.Compression;
using Courier.Domain.Sources;
using Courier.Domain.Sources.Scripts;
using Courier.Testing;

namespace Courier.Sources.Tests;

public sealed class ScriptRunnerTests : IDisposable
{
    private readonly string _work = TestRun.NewTempDirectory("script");
    private readonly string _cache = TestRun.NewTempDirectory("venvs");

    public void Dispose()
    {
        Directory.Delete(_work, recursive: true);
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task A_script_that_splits_one_file_into_three_replaces_the_input_with_them()
    {
        var input = Path.Combine(_work, "data.csv");
        await File.WriteAllTextAsync(input, "id,name\n1,a\n2,b\n3,c\n");
        var script = """
            import csv, json, sys
            from pathlib import Path
            source = Path(sys.argv[1])
            paths = []
            with open(source, newline='') as f:
                rows = list(csv.reader(f))
            for row in rows[1:]:
                out = source.parent / f'part-{row[0]}.csv'
                out.write_text(rows[0][1] + '\n' + row[1] + '\n')
                paths.append(str(out))
            print(f'split {len(paths)} rows')
            print(json.dumps(paths))
            """;
        var log = new RunLog();

        var result = await Runner().RunAsync(new ScriptRequest(ScriptCode.Inline(script), _work, input), Sql.Context(log), CancellationToken.None);

        Assert.True(result.FilesReplaced);
        Assert.Equal(["part-1.csv", "part-2.csv", "part-3.csv"], result.Files.Select(Path.GetFileName));
        Assert.Equal("name\nb\n", await File.ReadAllTextAsync(result.Files[1]));
        Assert.Contains("Information: script: split 3 rows", log.Lines);
    }

    [Fact]
    public async Task A_script_without_a_file_list_keeps_the_input()
    {
        var input = Path.Combine(_work, "data.csv");
        await File.WriteAllTextAsync(input, "x\n");

        var result = await Runner().RunAsync(
            new ScriptRequest(ScriptCode.Inline("import sys\nopen(sys.argv[1], 'a').write('y\\n')\nprint('[not json')"), _work, input),
            Sql.Context(new RunLog()), CancellationToken.None);

        Assert.False(result.FilesReplaced);
        Assert.Equal([input], result.Files);
        Assert.Equal("x\ny\n", await File.ReadAllTextAsync(input));
    }

    [Fact]
    public async Task A_script_past_its_timeout_is_killed_with_its_children()
    {
        var pidFile = Path.Combine(_work, "child.pid");
        var script = $"""
            import subprocess, time
            child = subprocess.Popen(['sleep', '120'])
            open(r'{pidFile}', 'w').write(str(child.pid))
            time.sleep(120)
            """;

        var error = await Assert.ThrowsAsync<SourceException>(() => Runner().RunAsync(
            new ScriptRequest(ScriptCode.Inline(script), _work, TimeoutSeconds: 6), Sql.Context(new RunLog()), CancellationToken.None));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        var childPid = int.Parse(await File.ReadAllTextAsync(pidFile), System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{childPid}") && !File.ReadAllText($"/proc/{childPid}/stat").Contains(") Z ", StringComparison.Ordinal),
            $"the script's child {childPid} is still running");
    }

    [Fact]
    public async Task A_failing_script_fails_the_step_with_its_stderr()
    {
        var log = new RunLog();

        var error = await Assert.ThrowsAsync<SourceException>(() => Runner().RunAsync(
            new ScriptRequest(ScriptCode.Inline("import sys\nprint('working')\nsys.exit('no input rows')"), _work), Sql.Context(log), CancellationToken.None));

        Assert.Contains("exited with code 1: no input rows", error.Message, StringComparison.Ordinal);
        Assert.Contains("Warning: script stderr: no input rows", log.Lines);
    }

    [Fact]
    public async Task Variables_are_passed_secrets_only_when_marked_and_Couriers_own_environment_is_not()
    {
        Environment.SetEnvironmentVariable("AzureWebJobsStorage", "DefaultEndpointsProtocol=https;AccountKey=courier-own-secret");
        var script = """
            import os
            for name in ['COURIER_TASK_NAME', 'region', 'API_TOKEN', 'DB_PASSWORD', 'AzureWebJobsStorage']:
                print(name + '=' + os.environ.get(name, '<unset>'))
            print('cwd=' + os.getcwd())
            """;
        var log = new RunLog();
        var variables = new[]
        {
            new ScriptVariable("COURIER_TASK_NAME", "Monthly sales"),
            new ScriptVariable("region", "EMEA"),
            new ScriptVariable("API_TOKEN", "tok-123456", IsSecret: true, PassSecretToScript: true),
            new ScriptVariable("DB_PASSWORD", "never-passed", IsSecret: true),
        };

        await Runner().RunAsync(new ScriptRequest(ScriptCode.Inline(script), _work, Variables: variables), Sql.Context(log), CancellationToken.None);

        Assert.Contains("Information: script: COURIER_TASK_NAME=Monthly sales", log.Lines);
        Assert.Contains("Information: script: region=EMEA", log.Lines);
        Assert.Contains("Information: script: API_TOKEN=***", log.Lines);
        Assert.Contains("Information: script: DB_PASSWORD=<unset>", log.Lines);
        Assert.Contains("Information: script: AzureWebJobsStorage=<unset>", log.Lines);
        Assert.Contains($"Information: script: cwd={_work}", log.Lines);
    }

    [Fact]
    public async Task A_zip_package_runs_its_entry_file_with_requirements_from_a_local_wheel_folder_in_a_cached_environment()
    {
        var wheels = Directory.CreateDirectory(Path.Combine(_work, "wheels")).FullName;
        Wheel.Write(wheels, "courier_probe", "1.0", "def greeting():\n    return 'hello from a wheel'\n");
        var package = Path.Combine(_work, "package.zip");
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Create))
        {
            Add(zip, "jobs/main.py", "from helper import shout\nimport courier_probe\nprint(shout(courier_probe.greeting()))\n");
            Add(zip, "jobs/helper.py", "def shout(text):\n    return text.upper()\n");
            Add(zip, "jobs/requirements.txt", "courier_probe==1.0\n");
        }
        var request = new ScriptRequest(ScriptCode.FromPackage(package, "jobs/main.py"), Path.Combine(_work, "run1"),
            PipArguments: ["--no-index", "--find-links", wheels]);
        var first = new RunLog();
        var second = new RunLog();

        await Runner().RunAsync(request, Sql.Context(first), CancellationToken.None);
        await Runner().RunAsync(request with { WorkingDirectory = Path.Combine(_work, "run2") }, Sql.Context(second), CancellationToken.None);

        Assert.Contains("Information: script: HELLO FROM A WHEEL", first.Lines);
        Assert.Contains("Information: script: HELLO FROM A WHEEL", second.Lines);
        Assert.Contains(first.Lines, line => line.Contains("Building the script's Python environment", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Lines, line => line.Contains("Building the script's Python environment", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_interpreter_runs_the_script()
    {
        var input = Path.Combine(_work, "in.txt");
        await File.WriteAllTextAsync(input, "three words here\n");
        var log = new RunLog();

        await Runner().RunAsync(
            new ScriptRequest(ScriptCode.Inline("wc -w < \"$1\"", "count.sh"), _work, input, Interpreter: "bash"), Sql.Context(log), CancellationToken.None);

        Assert.Contains("Information: script: 3", log.Lines);
    }

    private ScriptRunner Runner() => new(new ScriptEnvironments(_cache));

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
