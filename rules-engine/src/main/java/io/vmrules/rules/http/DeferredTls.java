package io.vmrules.rules.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK's default TLS (its trusted roots, an SSL context on them, as okhttp builds by default),
 * set up at the first TLS connection instead of when a client is built. okhttp loads the trust
 * store for every client without TLS options, and the engine's peers are mostly plain http: at 1k
 * rules the parsed root certificates and the security classes were about 2 MiB of resident memory
 * that {@code rules run} never used.
 *
 * <p>okhttp asks the trust manager for its accepted issuers once, when the client is built, to
 * index roots for certificate pinning; we pin nothing, so it gets none before TLS is set up.
 * Certificates are checked by the real trust manager inside the SSL context.
 */
final class DeferredTls {
  private volatile Ready ready;

  private record Ready(X509TrustManager trust, SSLSocketFactory sockets) {}

  private Ready ready() {
    Ready r = ready;
    if (r == null) {
      synchronized (this) {
        r = ready;
        if (r == null) {
          r = setUp();
          ready = r;
        }
      }
    }
    return r;
  }

  private static Ready setUp() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      X509TrustManager trust = (X509TrustManager) tmf.getTrustManagers()[0];
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {trust}, null);
      return new Ready(trust, ssl.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's default TLS is unavailable: " + e.getMessage(), e);
    }
  }

  /** Whether a TLS connection has set it up (for tests). */
  boolean isSetUp() {
    return ready != null;
  }

  X509TrustManager trustManager() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        ready().trust().checkClientTrusted(chain, authType);
      }

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType)
          throws CertificateException {
        ready().trust().checkServerTrusted(chain, authType);
      }

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        Ready r = ready;
        return r == null ? new X509Certificate[0] : r.trust().getAcceptedIssuers();
      }
    };
  }

  SSLSocketFactory socketFactory() {
    return new SSLSocketFactory() {
      @Override
      public String[] getDefaultCipherSuites() {
        return ready().sockets().getDefaultCipherSuites();
      }

      @Override
      public String[] getSupportedCipherSuites() {
        return ready().sockets().getSupportedCipherSuites();
      }

      @Override
      public Socket createSocket() throws IOException {
        return ready().sockets().createSocket();
      }

      @Override
      public Socket createSocket(Socket s, String host, int port, boolean autoClose)
          throws IOException {
        return ready().sockets().createSocket(s, host, port, autoClose);
      }

      @Override
      public Socket createSocket(String host, int port) throws IOException {
        return ready().sockets().createSocket(host, port);
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
          throws IOException {
        return ready().sockets().createSocket(host, port, localHost, localPort);
      }

      @Override
      public Socket createSocket(InetAddress host, int port) throws IOException {
        return ready().sockets().createSocket(host, port);
      }

      @Override
      public Socket createSocket(
          InetAddress address, int port, InetAddress localAddress, int localPort)
          throws IOException {
        return ready().sockets().createSocket(address, port, localAddress, localPort);
      }
    };
  }
}
