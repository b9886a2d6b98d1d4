using System.Text.Json.Serialization;

namespace Trellis.Core.Sessions;

/// <summary>What happens to the locks a session holds when it is invalidated.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionBehavior>))]
public enum SessionBehavior
{
    [JsonStringEnumMemberName("release")]
    Release = 0,

    [JsonStringEnumMemberName("delete")]
    Delete = 1,
}
