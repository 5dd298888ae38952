using System.IO.Compression;

namespace Courier.Sources.Tests;

/// <summary>Writes a minimal pure-Python wheel, so requirement installs are tested from a local folder without an index.</summary>
internal static class Wheel
{
    public static string Write(string folder, string name, string version, string moduleCode)
    {
        var info = $"{name}-{version}.dist-info";
        var path = Path.Combine(folder, $"{name}-{version}-py3-none-any.whl");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        Add(zip, $"{name}/__init__.py", moduleCode);
        Add(zip, $"{info}/METADATA", $"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n");
        Add(zip, $"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: courier-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        Add(zip, $"{info}/RECORD", $"{name}/__init__.py,,\n{info}/METADATA,,\n{info}/WHEEL,,\n{info}/RECORD,,\n");
        return path;
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open());
        writer.Write(text);
    }
}
