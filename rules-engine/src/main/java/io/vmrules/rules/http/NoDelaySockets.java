package io.vmrules.rules.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain sockets with {@code TCP_NODELAY}, which okhttp leaves off: a POST goes out as headers, then
 * body, and with Nagle's algorithm the body waits for the peer's delayed ACK of the headers.
 * Measured against VictoriaMetrics: 45 ms per remote-write request of 5k samples with Nagle, 2 ms
 * without, and replay sends one request after another.
 */
public final class NoDelaySockets extends SocketFactory {
  public static final NoDelaySockets INSTANCE = new NoDelaySockets();

  private NoDelaySockets() {}

  private static Socket noDelay(Socket s) throws IOException {
    s.setTcpNoDelay(true);
    return s;
  }

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(new Socket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return noDelay(new Socket(host, port, localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(new Socket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return noDelay(new Socket(address, port, localAddress, localPort));
  }
}
