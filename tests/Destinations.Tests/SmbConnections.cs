using Courier.Domain.Connectors;
using Courier.Domain.Connectors.Smb;
using Courier.Testing;

namespace Courier.Destinations.Tests;

internal static class SmbConnections
{
    public static SmbSettings Share(SambaFixture smb) =>
        new(smb.Host, smb.ShareName, smb.UserName) { Port = smb.Port, Password = new Secret(smb.Password) };
}
