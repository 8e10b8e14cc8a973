package io.vmrules.rules.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmrules.rules.datasource.PrometheusApiQuerier;
import io.vmrules.rules.eval.QueryRequest;
import io.vmrules.testsupport.ExternalTool;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against a real TLS endpoint that requires a client certificate: certificates made by
 * openssl for the test (a CA, the server's for 127.0.0.1, the client's), the server a JDK TLS
 * socket that verifies the client against the CA (VictoriaMetrics verifies client certificates only
 * in its enterprise edition).
 */
class ClientCertificateIT {
  private static final String ANSWER =
      "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}";

  @TempDir Path dir;

  private void openssl(String... args) throws Exception {
    ExternalTool.Result r = ExternalTool.require("openssl").run(args);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  private String file(String name) {
    return dir.resolve(name).toString();
  }

  @Test
  void thePeerSeesTheClientCertificateAndRefusesAClientWithout() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=test-ca",
        "-keyout",
        file("ca.key"),
        "-out",
        file("ca.pem"));
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        file("server.key"),
        "-out",
        file("server.csr"));
    java.nio.file.Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        "x509",
        "-req",
        "-in",
        file("server.csr"),
        "-CA",
        file("ca.pem"),
        "-CAkey",
        file("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        file("san.ext"),
        "-out",
        file("server.pem"));
    openssl(
        "pkcs12",
        "-export",
        "-in",
        file("server.pem"),
        "-inkey",
        file("server.key"),
        "-passout",
        "pass:",
        "-out",
        file("server.p12"));
    openssl(
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=rules",
        "-keyout",
        file("client.key"),
        "-out",
        file("client.csr"));
    openssl(
        "x509",
        "-req",
        "-in",
        file("client.csr"),
        "-CA",
        file("ca.pem"),
        "-CAkey",
        file("ca.key"),
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        file("client.pem"));

    try (SSLServerSocket server = server()) {
      Thread serving = new Thread(() -> serve(server), "tls-peer");
      serving.setDaemon(true);
      serving.start();
      String url = "https://127.0.0.1:" + server.getLocalPort();
      QueryRequest q = QueryRequest.of("up", Instant.EPOCH, Duration.ofMinutes(1));

      HttpAuth withCertificate =
          new HttpAuth(
              null,
              null,
              null,
              null,
              null,
              Map.of(),
              false,
              dir.resolve("ca.pem"),
              dir.resolve("client.pem"),
              dir.resolve("client.key"));
      assertThat(
              new PrometheusApiQuerier(url, withCertificate, Duration.ofSeconds(5))
                  .query(q)
                  .asSamples())
          .isEmpty();

      HttpAuth without =
          new HttpAuth(null, null, null, null, null, Map.of(), false, dir.resolve("ca.pem"));
      assertThatThrownBy(
              () -> new PrometheusApiQuerier(url, without, Duration.ofSeconds(5)).query(q))
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void aKeyThatIsNotPkcs8SaysHowToConvertIt() throws Exception {
    openssl("genrsa", "-traditional", "-out", file("rsa.key"), "2048");
    openssl(
        "req",
        "-x509",
        "-key",
        file("rsa.key"),
        "-days",
        "2",
        "-subj",
        "/CN=c",
        "-out",
        file("c.pem"));
    HttpAuth auth =
        new HttpAuth(
            null,
            null,
            null,
            null,
            null,
            Map.of(),
            false,
            null,
            dir.resolve("c.pem"),
            dir.resolve("rsa.key"));
    assertThatThrownBy(() -> HttpClients.build(auth, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  /** A TLS server that needs a client certificate signed by the test CA. */
  private SSLServerSocket server() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, new char[0]);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = java.nio.file.Files.newInputStream(dir.resolve("ca.pem"))) {
      trust.setCertificateEntry(
          "ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    SSLServerSocket server =
        (SSLServerSocket)
            ssl.getServerSocketFactory()
                .createServerSocket(0, 10, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    return server;
  }

  private static void serve(SSLServerSocket server) {
    while (!server.isClosed()) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).strip());
          }
        }
        in.skip(length);
        byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (Exception e) {
        // a client without a certificate fails the handshake: serve the next one
      }
    }
  }
}
