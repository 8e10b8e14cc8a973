package io.vmrules.rules.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * The engine's HTTP endpoint on {@code --httpListenAddr} (JDK HTTP server): {@code /metrics},
 * {@code /-/healthy}, {@code /-/ready}. More handlers (the {@code /api/v1/*} API, reload) are added
 * with {@link #handle} before or after {@link #start}.
 */
public final class HttpApiServer implements AutoCloseable {
  private final java.net.InetSocketAddress address;
  private final HttpServer server;
  private volatile boolean started;
  private final ExecutorService executor;

  static {
    // Read once by the JDK server: close connections whose request takes over 10 s to arrive, or
    // whose response takes over 60 s to be read. A user's -D settings win.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", "10");
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", "60");
    }
  }

  /**
   * @param listenAddr {@code host:port} or {@code :port} (all interfaces); port 0 picks a free one
   * @param ready whether the engine is ready (rules loaded and scheduled), and what else {@code
   *     /-/ready} says
   */
  public HttpApiServer(String listenAddr, PrometheusRegistry registry, Readiness ready)
      throws IOException {
    this.address = address(listenAddr); // a bad address fails here, before anything is started
    this.server = HttpServer.create(); // unbound: start() binds, so constructing takes no port
    // The JDK server reads a request's headers on an executor thread, so a client that sends half
    // a request holds one: a thread per request (up to 512, idle ones end after 30 s), and requests
    // that take longer than maxReqTime to arrive are closed (see the static block). Two threads
    // let two half-sent requests block every endpoint.
    this.executor =
        new java.util.concurrent.ThreadPoolExecutor(
            2,
            512,
            30,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(null, r, "http", 256 * 1024);
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    handle("/metrics", exact("/metrics", new MetricsHandler(registry)));
    handle("/-/healthy", exact("/-/healthy", exchange -> text(exchange, 200, "OK\n")));
    handle(
        "/-/ready",
        exact(
            "/-/ready",
            exchange -> {
              Readiness.Answer answer = ready.answer();
              text(exchange, answer.status(), answer.body());
            }));
  }

  /**
   * {@code handler} for {@code path} itself; anything below it is a 404 (the JDK matches prefixes).
   */
  public static HttpHandler exact(String path, HttpHandler handler) {
    return exchange -> {
      if (exchange.getRequestURI().getPath().equals(path)) {
        handler.handle(exchange);
      } else {
        text(exchange, 404, "not found\n");
      }
    };
  }

  /** Mounts a handler on a path prefix (the JDK server's longest-prefix match). */
  public HttpApiServer handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /**
   * Binds the address and serves; an {@link IOException} (address in use…) leaves nothing running.
   */
  public void start() throws IOException {
    try {
      server.bind(address, 64);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    server.start();
    started = true;
  }

  /** The bound port (useful with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    if (started) {
      server.stop(1);
    }
    executor.shutdownNow();
  }

  public static void text(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (exchange.getRequestMethod().equals("HEAD")) {
      exchange.sendResponseHeaders(status, -1); // no body: a length here makes the JDK server warn
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static InetSocketAddress address(String listenAddr) {
    int colon = listenAddr.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("listen address \"" + listenAddr + "\" is not host:port");
    }
    String host = listenAddr.substring(0, colon);
    int port = Integer.parseInt(listenAddr.substring(colon + 1));
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }
}
