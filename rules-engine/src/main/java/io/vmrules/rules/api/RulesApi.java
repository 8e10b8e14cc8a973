package io.vmrules.rules.api;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.vmrules.rules.eval.GroupSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's HTTP API on the JDK HTTP server: {@code GET /api/v1/rules}, {@code GET
 * /api/v1/alerts}, {@code GET /-/ready} and {@code POST /-/reload}. It reads the current groups
 * through a supplier of immutable snapshots, so it never holds or locks the evaluators.
 *
 * <p>With {@link ApiCredentials}, the API and reload need basic auth; {@code /-/ready} (like {@code
 * /-/healthy}) stays open for probes.
 */
public final class RulesApi {
  private static final Logger LOG = LoggerFactory.getLogger(RulesApi.class);

  private final Supplier<List<GroupSnapshot>> groups;
  private final Readiness readiness;
  private final Reloader reloader;
  private final Authenticator auth;

  /**
   * @param groups the groups being evaluated now, in the order to show them
   * @param auth basic auth for the API, or null for none
   */
  public RulesApi(
      Supplier<List<GroupSnapshot>> groups,
      Readiness readiness,
      Reloader reloader,
      Authenticator auth) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.reloader = Objects.requireNonNull(reloader, "reloader");
    this.auth = auth;
  }

  /** Mounts the handlers on {@code server}. */
  public void register(HttpServer server) {
    protect(server.createContext("/api/v1/rules", rules()));
    protect(server.createContext("/api/v1/alerts", alerts()));
    protect(server.createContext("/api/v1/rule", rule()));
    protect(server.createContext("/-/reload", reload()));
    server.createContext("/-/ready", ready());
  }

  /**
   * Mounts the API and reload handlers through {@code mount} (e.g. {@code HttpApiServer::handle},
   * which serves {@code /-/ready} itself), with basic auth checked inside each handler.
   */
  public void mount(java.util.function.BiConsumer<String, HttpHandler> mount) {
    mount.accept("/api/v1/rules", guarded(rules()));
    mount.accept("/api/v1/alerts", guarded(alerts()));
    mount.accept("/api/v1/rule", guarded(rule()));
    mount.accept("/-/reload", guarded(reload()));
  }

  private HttpHandler guarded(HttpHandler handler) {
    return guarded(auth, handler);
  }

  /**
   * {@code handler} behind basic auth ({@code auth} null: open); a request without valid
   * credentials gets the authenticator's status (401) and no body. The web UI uses it too.
   */
  public static HttpHandler guarded(Authenticator auth, HttpHandler handler) {
    if (auth == null) {
      return handler;
    }
    return exchange -> {
      Authenticator.Result result = auth.authenticate(exchange);
      if (result instanceof Authenticator.Success) {
        handler.handle(exchange);
      } else {
        try (exchange) {
          int status =
              result instanceof Authenticator.Failure f
                  ? f.getResponseCode()
                  : ((Authenticator.Retry) result).getResponseCode();
          exchange.sendResponseHeaders(status, -1);
        }
      }
    };
  }

  private void protect(HttpContext context) {
    if (auth != null) {
      context.setAuthenticator(auth);
    }
  }

  public HttpHandler rules() {
    return handler(
        Set.of("GET", "HEAD"),
        exchange -> {
          RuleFilter filter;
          try {
            filter = RuleFilter.parse(query(exchange));
          } catch (IllegalArgumentException e) {
            respond(exchange, 400, "application/json", ApiJson.error("bad_data", e.getMessage()));
            return;
          }
          respond(exchange, 200, "application/json", ApiJson.rules(groups.get(), filter));
        });
  }

  public HttpHandler alerts() {
    return handler(
        Set.of("GET", "HEAD"),
        exchange -> respond(exchange, 200, "application/json", ApiJson.alerts(groups.get())));
  }

  /**
   * {@code GET /api/v1/rule?group=NAME&rule=NAME[&file=FILE]}: one rule with its evaluation
   * history. Without {@code file}, the first group of that name in rule-file order; of rules with
   * the same name in a group, the first. 400 without {@code group} or {@code rule}, 404 when none
   * matches.
   */
  public HttpHandler rule() {
    return handler(
        Set.of("GET", "HEAD"),
        exchange -> {
          if (!exchange.getRequestURI().getPath().equals("/api/v1/rule")) {
            respond(exchange, 404, "application/json", ApiJson.error("not_found", "not found"));
            return;
          }
          Map<String, List<String>> q = query(exchange);
          String group = first(q, "group");
          String rule = first(q, "rule");
          if (group == null || rule == null) {
            respond(
                exchange,
                400,
                "application/json",
                ApiJson.error("bad_data", "the group and rule parameters are required"));
            return;
          }
          RuleLookup.Found found = RuleLookup.find(groups.get(), group, first(q, "file"), rule);
          if (found == null) {
            respond(
                exchange,
                404,
                "application/json",
                ApiJson.error("not_found", "no rule \"" + rule + "\" in group \"" + group + "\""));
            return;
          }
          respond(exchange, 200, "application/json", ApiJson.rule(found.group(), found.rule()));
        });
  }

  /** The first value of a query parameter, or null. */
  public static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public HttpHandler ready() {
    return handler(
        Set.of("GET", "HEAD"),
        exchange -> {
          Readiness.Answer answer = readiness.answer();
          respond(exchange, answer.status(), "text/plain; charset=utf-8", answer.body());
        });
  }

  public HttpHandler reload() {
    return handler(
        Set.of("POST", "PUT"),
        exchange -> {
          Reloader.Result result = reloader.reload();
          if (result.success()) {
            respond(exchange, 200, "text/plain; charset=utf-8", result.message() + "\n");
          } else {
            respond(
                exchange,
                500,
                "text/plain; charset=utf-8",
                "failed to reload config, the running rules are kept:\n" + result.message() + "\n");
          }
        });
  }

  private interface Body {
    void handle(HttpExchange exchange) throws IOException;
  }

  private static HttpHandler handler(Set<String> methods, Body body) {
    return exchange -> {
      try (exchange) {
        if (!methods.contains(exchange.getRequestMethod())) {
          exchange
              .getResponseHeaders()
              .set("Allow", String.join(", ", methods.stream().sorted().toList()));
          respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
          return;
        }
        body.handle(exchange);
      } catch (RuntimeException e) {
        LOG.error(
            "HTTP {} {} failed",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            e);
        try {
          respond(exchange, 500, "application/json", ApiJson.error("internal", "internal error"));
        } catch (IOException | RuntimeException ignored) {
          // the answer may already be under way
        }
      }
    };
  }

  public static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Query parameters in order; a name may repeat ({@code rule_name[]=a&rule_name[]=b}). */
  public static Map<String, List<String>> query(HttpExchange exchange) {
    return parseQuery(exchange.getRequestURI().getRawQuery());
  }

  static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
