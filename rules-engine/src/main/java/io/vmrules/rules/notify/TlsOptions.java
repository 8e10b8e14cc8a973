package io.vmrules.rules.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * TLS towards a receiver: an extra CA bundle (PEM) to trust, or no verification at all ({@code
 * insecureSkipVerify}, for tests and self-signed set-ups). Null {@code caFile} and false {@code
 * insecureSkipVerify} mean the JDK's defaults.
 */
public record TlsOptions(Path caFile, boolean insecureSkipVerify) {
  public static final TlsOptions DEFAULT = new TlsOptions(null, false);

  void apply(OkHttpClient.Builder builder) {
    try {
      X509TrustManager trust;
      if (insecureSkipVerify) {
        trust = new TrustEverything();
        builder.hostnameVerifier((host, session) -> true);
      } else if (caFile != null) {
        trust = trustManagerFor(caFile);
      } else {
        return;
      }
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, new TrustManager[] {trust}, new SecureRandom());
      builder.sslSocketFactory(ssl.getSocketFactory(), trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("bad TLS settings: " + e.getMessage(), e);
    }
  }

  private static X509TrustManager trustManagerFor(Path pem)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager");
  }

  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
