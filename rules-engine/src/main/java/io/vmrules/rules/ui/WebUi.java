package io.vmrules.rules.ui;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vmrules.rules.api.RuleLookup;
import io.vmrules.rules.api.RulesApi;
import io.vmrules.rules.eval.GroupSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI of {@code rules run}: server-rendered pages on the engine's HTTP endpoint, behind the
 * API's basic auth. {@code /} the alerts, {@code /groups} the groups and rules, {@code /rule} one
 * rule with its history, {@code /status} the engine; {@code /ui/style.css} and {@code /ui/app.js}
 * are the only assets (no CDN, fonts or images from outside).
 *
 * <p>Pages read the same immutable group snapshots as the API. Every page works without JavaScript;
 * the script adds search as you type, the copy buttons and auto-refresh. A Content-Security-Policy
 * allows scripts and styles from this server only, so markup that slipped through escaping still
 * could not run.
 */
public final class WebUi {
  private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);

  static final String STYLESHEET = "ui/style.css";
  static final String SCRIPT = "ui/app.js";
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private final Supplier<List<GroupSnapshot>> groups;
  private final Supplier<StatusInfo> status;
  private final ToLongFunction<String> missedIterations;
  private final InstantSource clock;
  private final UiSettings settings;
  private final Authenticator auth;
  private final ExprHtml exprs;
  private final byte[] stylesheet = resource("style.css");
  private final byte[] script = resource("app.js");

  /**
   * @param groups the groups being evaluated, in rule-file order
   * @param status the status page's facts, gathered when asked
   * @param missedIterations a group's missed iterations by its key
   * @param clock the time pages are rendered at (relative times)
   * @param auth basic auth, or null for none (the API's)
   */
  public WebUi(
      Supplier<List<GroupSnapshot>> groups,
      Supplier<StatusInfo> status,
      ToLongFunction<String> missedIterations,
      InstantSource clock,
      UiSettings settings,
      Authenticator auth) {
    this.groups = Objects.requireNonNull(groups, "groups");
    this.status = Objects.requireNonNull(status, "status");
    this.missedIterations = Objects.requireNonNull(missedIterations, "missedIterations");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.auth = auth;
    this.exprs = new ExprHtml(settings.dialect());
  }

  /** Mounts the pages through {@code mount} (e.g. {@code HttpApiServer::handle}). */
  public void mount(BiConsumer<String, HttpHandler> mount) {
    mount.accept("/", page("/", q -> alertsPage(q)));
    mount.accept("/groups", page("/groups", q -> groupsPage(q)));
    mount.accept("/rule", page("/rule", q -> rulePage(q)));
    mount.accept("/status", page("/status", q -> statusPage()));
    mount.accept("/ui/", assets());
  }

  /** The alerts page for these query parameters ({@code state}, repeatable, and {@code q}). */
  public String alertsPage(Map<String, List<String>> params) {
    return AlertsPage.render(
        groups.get(),
        clock.instant(),
        AlertsPage.Filter.of(params.get("state"), RulesApi.first(params, "q")),
        settings);
  }

  /** The groups page ({@code health}, {@code q}). */
  public String groupsPage(Map<String, List<String>> params) {
    return GroupsPage.render(
        groups.get(),
        clock.instant(),
        new GroupsPage.Filter(RulesApi.first(params, "health"), RulesApi.first(params, "q")),
        missedIterations,
        exprs,
        settings);
  }

  /** The rule page ({@code group}, {@code rule}, optional {@code file}); null: no such rule. */
  public String rulePage(Map<String, List<String>> params) {
    String group = RulesApi.first(params, "group");
    String rule = RulesApi.first(params, "rule");
    if (group == null || rule == null) {
      return null;
    }
    RuleLookup.Found found =
        RuleLookup.find(groups.get(), group, RulesApi.first(params, "file"), rule);
    if (found == null) {
      return null;
    }
    return RulePage.render(found, found.group().interval(), clock.instant(), exprs, settings);
  }

  public String statusPage() {
    return StatusPage.render(status.get(), clock.instant());
  }

  private interface Renderer {
    String render(Map<String, List<String>> params);
  }

  private HttpHandler page(String path, Renderer renderer) {
    HttpHandler handler =
        exchange -> {
          try (exchange) {
            String html;
            try {
              html = renderer.render(RulesApi.query(exchange));
            } catch (RuntimeException e) {
              LOG.error("rendering {} failed", path, e);
              send(exchange, 500, "text/plain; charset=utf-8", bytes("internal error\n"), false);
              return;
            }
            if (html == null) {
              send(exchange, 404, "text/plain; charset=utf-8", bytes("no such rule\n"), false);
              return;
            }
            exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            // links to vmui and Alertmanager do not carry the page's address (and its search)
            exchange.getResponseHeaders().set("Referrer-Policy", "same-origin");
            send(exchange, 200, "text/html; charset=utf-8", bytes(html), true);
          }
        };
    HttpHandler guarded = RulesApi.guarded(auth, handler);
    return exchange -> {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        try (exchange) {
          send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"), false);
        }
        return;
      }
      if (!isRead(exchange)) {
        return;
      }
      guarded.handle(exchange);
    };
  }

  private HttpHandler assets() {
    HttpHandler handler =
        exchange -> {
          try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            String type;
            if (path.equals("/" + STYLESHEET)) {
              body = stylesheet;
              type = "text/css; charset=utf-8";
            } else if (path.equals("/" + SCRIPT)) {
              body = script;
              type = "text/javascript; charset=utf-8";
            } else {
              send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"), false);
              return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "max-age=300");
            send(exchange, 200, type, body, true);
          }
        };
    HttpHandler guarded = RulesApi.guarded(auth, handler);
    return exchange -> {
      if (isRead(exchange)) {
        guarded.handle(exchange);
      }
    };
  }

  /** GET and HEAD only; anything else is answered 405 here (and false returned). */
  private static boolean isRead(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"), false);
    }
    return false;
  }

  private static void send(
      HttpExchange exchange, int status, String type, byte[] body, boolean mayCompress)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    if (mayCompress && body.length > 4096 && acceptsGzip(exchange)) {
      body = gzip(body);
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
    return accept != null && accept.contains("gzip");
  }

  /** Gzip at the fastest level: big pages are mostly repeated markup, which compresses well. */
  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 6 + 64);
    try (GZIPOutputStream gz =
        new GZIPOutputStream(out, 65536) {
          {
            def.setLevel(Deflater.BEST_SPEED);
          }
        }) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] resource(String name) {
    try (InputStream in = WebUi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource io/vmrules/rules/ui/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
