using System.Runtime.Versioning;

namespace AiMass.Cluster.Tests.Support;

/// <summary>
/// A test that runs the aimass tool as another user than root (<see cref="OtherUser"/>): reported as skipped, with
/// the reason, where that cannot work (as root without setpriv, or where user nobody cannot run dotnet).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class OtherUserFactAttribute : FactAttribute
{
    /// <summary>Skips the test when <see cref="OtherUser.Obstacle"/> names a reason.</summary>
    public OtherUserFactAttribute()
    {
        if (OtherUser.Obstacle is { } reason)
        {
            Skip = reason;
        }
    }
}
