package io.vmrules.rules.cli;

import io.vmrules.rules.http.HttpAuth;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The authentication and TLS flags of one HTTP peer, named as vmalert names them ({@code
 * --<peer>.basicAuth.username}, {@code .basicAuth.password}, {@code .basicAuth.passwordFile},
 * {@code .bearerToken}, {@code .bearerTokenFile}, {@code .headers}, {@code .tlsInsecureSkipVerify},
 * {@code .tlsCAFile}, {@code .tlsCertFile}, {@code .tlsKeyFile}). Every flag may repeat: with
 * several URLs ({@code --notifier.url}) the i-th value goes with the i-th URL, and a value given
 * once goes with all of them.
 */
final class HttpAuthFlags {
  private static final String USER = ".basicAuth.username";
  private static final String PASSWORD = ".basicAuth.password";
  private static final String PASSWORD_FILE = ".basicAuth.passwordFile";
  private static final String TOKEN = ".bearerToken";
  private static final String TOKEN_FILE = ".bearerTokenFile";
  private static final String HEADERS = ".headers";
  private static final String INSECURE = ".tlsInsecureSkipVerify";
  private static final String CA_FILE = ".tlsCAFile";
  private static final String CERT_FILE = ".tlsCertFile";
  private static final String KEY_FILE = ".tlsKeyFile";

  private HttpAuthFlags() {}

  /** Adds the flags of {@code prefix} (e.g. {@code datasource}) to {@code spec}. */
  static void add(CommandSpec spec, String prefix, String peer) {
    String p = "--" + prefix;
    spec.addOption(text(p + USER, "USER", "Basic auth username for " + peer + "."));
    spec.addOption(
        text(
            p + PASSWORD,
            "PASSWORD",
            "Basic auth password for "
                + peer
                + " (prefer "
                + p
                + PASSWORD_FILE
                + ": command lines are visible to other users)."));
    spec.addOption(
        file(p + PASSWORD_FILE, "Basic auth password for " + peer + ", read from this file."));
    spec.addOption(text(p + TOKEN, "TOKEN", "Bearer token for " + peer + "."));
    spec.addOption(
        file(
            p + TOKEN_FILE, "Bearer token for " + peer + ", re-read from this file every minute."));
    spec.addOption(
        text(p + HEADERS, "'Name: value^^Name: value'", "Extra HTTP headers for " + peer + "."));
    spec.addOption(
        OptionSpec.builder(p + INSECURE)
            .type(List.class)
            .auxiliaryTypes(Boolean.class)
            .arity("0..1")
            .fallbackValue("true")
            .paramLabel("BOOL")
            .description("Skip TLS certificate verification of " + peer + ".")
            .build());
    spec.addOption(file(p + CA_FILE, "CA certificates (PEM) to verify " + peer + " with."));
    spec.addOption(
        file(
            p + CERT_FILE, "Client certificate (PEM, then its chain) to present to " + peer + "."));
    spec.addOption(
        file(
            p + KEY_FILE,
            "Key of the client certificate (PEM, unencrypted PKCS #8) for " + peer + "."));
  }

  /** The settings of the only peer of {@code prefix}. */
  static HttpAuth read(CommandSpec spec, String prefix) {
    return read(spec, prefix, 0, 1);
  }

  /**
   * The settings of the {@code index}-th of {@code count} peers of {@code prefix}.
   *
   * @throws IllegalArgumentException when a flag is given neither once nor {@code count} times
   */
  static HttpAuth read(CommandSpec spec, String prefix, int index, int count) {
    String p = "--" + prefix;
    String headers = pick(spec, p + HEADERS, index, count);
    Boolean insecure = pick(spec, p + INSECURE, index, count);
    return new HttpAuth(
        pick(spec, p + USER, index, count),
        pick(spec, p + PASSWORD, index, count),
        pick(spec, p + PASSWORD_FILE, index, count),
        pick(spec, p + TOKEN, index, count),
        pick(spec, p + TOKEN_FILE, index, count),
        HttpAuth.parseHeaders(headers),
        insecure != null && insecure,
        pick(spec, p + CA_FILE, index, count),
        pick(spec, p + CERT_FILE, index, count),
        pick(spec, p + KEY_FILE, index, count));
  }

  private static <T> T pick(CommandSpec spec, String name, int index, int count) {
    List<T> values = spec.findOption(name).getValue();
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() == 1) {
      return values.get(0);
    }
    if (values.size() != count) {
      throw new IllegalArgumentException(
          name
              + " is given "
              + values.size()
              + " times for "
              + count
              + " URLs: give it once, or once per URL");
    }
    return values.get(index);
  }

  private static OptionSpec text(String name, String label, String description) {
    return OptionSpec.builder(name)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .paramLabel(label)
        .description(description)
        .build();
  }

  private static OptionSpec file(String name, String description) {
    return OptionSpec.builder(name)
        .type(List.class)
        .auxiliaryTypes(Path.class)
        .paramLabel("FILE")
        .description(description)
        .build();
  }
}
