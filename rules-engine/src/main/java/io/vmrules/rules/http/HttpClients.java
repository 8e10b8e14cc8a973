package io.vmrules.rules.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Builds okhttp clients with the timeouts and TLS options of an {@link HttpAuth}. */
public final class HttpClients {
  private HttpClients() {}

  public static OkHttpClient build(HttpAuth auth, Duration timeout) {
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .connectTimeout(timeout)
            .readTimeout(timeout)
            .writeTimeout(timeout)
            .callTimeout(timeout)
            .followRedirects(true);
    if (auth.tlsInsecureSkipVerify() || auth.tlsCAFile() != null || auth.tlsCertFile() != null) {
      try {
        X509TrustManager tm =
            auth.tlsInsecureSkipVerify()
                ? trustAll()
                : auth.tlsCAFile() != null ? trustFile(auth) : systemTrust();
        SSLContext ssl = SSLContext.getInstance("TLS");
        KeyManager[] keys = auth.tlsCertFile() == null ? null : ClientCertificate.keyManagers(auth);
        ssl.init(keys, new TrustManager[] {tm}, null);
        b.sslSocketFactory(ssl.getSocketFactory(), tm);
        if (auth.tlsInsecureSkipVerify()) {
          b.hostnameVerifier((host, session) -> true);
        }
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException("bad TLS settings: " + e.getMessage(), e);
      }
    } else {
      // okhttp's default TLS, set up when an https URL (or a redirect to one) first needs it
      DeferredTls tls = new DeferredTls();
      b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
    }
    return b.build();
  }

  /**
   * {@code client} with {@code TCP_NODELAY} sockets ({@link NoDelaySockets}): for a peer that gets
   * one request after another, where Nagle's algorithm would hold each body back.
   */
  public static OkHttpClient noDelay(OkHttpClient client) {
    return client.newBuilder().socketFactory(NoDelaySockets.INSTANCE).build();
  }

  private static X509TrustManager trustFile(HttpAuth auth)
      throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(auth.tlsCAFile())) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  private static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  private static X509TrustManager trustAll() {
    return new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
  }
}
