package io.vmrules.rules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class DeferredTlsTest {
  @Test
  void nothingIsSetUpUntilATlsConnectionNeedsIt() {
    DeferredTls tls = new DeferredTls();
    X509TrustManager trust = tls.trustManager();
    tls.socketFactory();

    assertThat(trust.getAcceptedIssuers()).isEmpty();
    assertThat(tls.isSetUp()).isFalse();
  }

  @Test
  void onceSetUpItIsTheJdksDefaultTrust() throws Exception {
    DeferredTls tls = new DeferredTls();

    assertThat(tls.socketFactory().getSupportedCipherSuites()).isNotEmpty();

    assertThat(tls.isSetUp()).isTrue();
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    X509TrustManager system = (X509TrustManager) tmf.getTrustManagers()[0];
    assertThat(tls.trustManager().getAcceptedIssuers())
        .containsExactlyInAnyOrder(system.getAcceptedIssuers());
    // the real check, not a trust-all: a chain of nothing is refused
    assertThatThrownBy(() -> tls.trustManager().checkServerTrusted(new X509Certificate[0], "RSA"))
        .isInstanceOfAny(CertificateException.class, IllegalArgumentException.class);
  }

  @Test
  void aClientWithoutTlsOptionsTalksPlainHttpWithoutSettingUpTls() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setBody("ok"));
      server.start();
      OkHttpClient client = HttpClients.build(HttpAuth.none(), Duration.ofSeconds(5));

      try (Response r =
          client.newCall(new Request.Builder().url(server.url("/")).build()).execute()) {
        assertThat(r.body().string()).isEqualTo("ok");
      }

      assertThat(client.x509TrustManager().getAcceptedIssuers()).isEmpty();
    }
  }
}
