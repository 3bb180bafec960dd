using System.Text.Json;

namespace FollowUp.Hosting.Local;

/// <summary>A message the local sink wrote (one JSON line of <c>FollowUp:LocalSink:Path</c>), as far as a provider's callback needs it.</summary>
internal sealed record SentLine(string InquiryId, string MessageId, string Kind, string Channel, string To)
{
    /// <summary>Every message in the sink file, oldest first; none when there is no file yet.</summary>
    public static IReadOnlyList<SentLine> ReadAll(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<SentLine>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            string Text(string name) => json.RootElement.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
            lines.Add(new SentLine(Text("inquiryId"), Text("messageId"), Text("kind"), Text("channel"), Text("to")));
        }

        return lines;
    }
}
