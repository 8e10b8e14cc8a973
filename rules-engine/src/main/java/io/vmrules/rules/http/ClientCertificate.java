package io.vmrules.rules.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * A client certificate for mutual TLS, from the PEM files {@code --<peer>.tlsCertFile} (the
 * certificate, then its chain) and {@code --<peer>.tlsKeyFile} (an unencrypted PKCS #8 key: {@code
 * -----BEGIN PRIVATE KEY-----}, RSA, EC or Ed25519).
 */
final class ClientCertificate {
  private static final char[] NO_PASSWORD = new char[0];

  private ClientCertificate() {}

  static KeyManager[] keyManagers(HttpAuth auth) throws IOException, GeneralSecurityException {
    List<? extends Certificate> chain;
    try (InputStream in = Files.newInputStream(auth.tlsCertFile())) {
      chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("no certificate in " + auth.tlsCertFile());
    }
    PrivateKey key =
        privateKey(Files.readString(auth.tlsKeyFile(), StandardCharsets.US_ASCII), auth);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf.getKeyManagers();
  }

  private static PrivateKey privateKey(String pem, HttpAuth auth) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf("-----END PRIVATE KEY-----");
    if (from < 0 || to < from) {
      throw new GeneralSecurityException(
          auth.tlsKeyFile()
              + " holds no unencrypted PKCS #8 key (BEGIN PRIVATE"
              + " KEY); convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException(
        "cannot read the key in " + auth.tlsKeyFile() + ": " + last.getMessage());
  }
}
