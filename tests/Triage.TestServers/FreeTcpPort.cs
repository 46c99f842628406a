using System.Net;
using System.Net.Sockets;

namespace Triage.TestServers;

/// <summary>Loopback ports for servers a test starts, so parallel test runs and leftovers never collide.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
