using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;

namespace Trellis.Ui;

/// <summary>
/// Where the UI's files come from: the Vite build embedded in this assembly (resources named <c>trellis-ui/…</c>), or a
/// directory on disk (<c>ui_config.content_path</c>). Paths are relative to the UI root, with forward slashes.
/// </summary>
/// <remarks>
/// Thread-safe. The embedded set is read once and kept in memory; a directory is read on each request (so an operator
/// can replace the files without a restart) and never outside its root.
/// </remarks>
public abstract class UiContent
{
    private const string ResourcePrefix = "trellis-ui/";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>The file at <paramref name="path"/> (e.g. <c>index.html</c>, <c>assets/app.js</c>), or null.</summary>
    public abstract UiFile? Find(string path);

    /// <summary>The UI built into this assembly.</summary>
    public static UiContent Embedded { get; } = new EmbeddedContent(typeof(UiContent).Assembly);

    /// <summary>The UI in <paramref name="root"/>; throws when the directory does not exist.</summary>
    public static UiContent FromDirectory(string root) =>
        Directory.Exists(root)
            ? new DirectoryContent(Path.GetFullPath(root))
            : throw new DirectoryNotFoundException($"ui_config.content_path: {root} is not a directory");

    internal static string ContentTypeOf(string path) =>
        ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";

    internal static UiFile Create(string path, byte[] content) =>
        new(content, ContentTypeOf(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 12)) + "\"");

    private sealed class EmbeddedContent : UiContent
    {
        private readonly FrozenDictionary<string, UiFile> _files;

        public EmbeddedContent(Assembly assembly)
        {
            var files = new Dictionary<string, UiFile>(StringComparer.Ordinal);
            foreach (var name in assembly.GetManifestResourceNames())
            {
                if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var path = name[ResourcePrefix.Length..].Replace('\\', '/');
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                files[path] = Create(path, buffer.ToArray());
            }

            _files = files.ToFrozenDictionary(StringComparer.Ordinal);
        }

        public override UiFile? Find(string path) => _files.GetValueOrDefault(path);
    }

    private sealed class DirectoryContent(string root) : UiContent
    {
        private readonly string _root = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;

        public override UiFile? Find(string path)
        {
            var full = Path.GetFullPath(Path.Combine(_root, path));
            if (!full.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(full))
            {
                return null;
            }

            try
            {
                return Create(path, File.ReadAllBytes(full));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
