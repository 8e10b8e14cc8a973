package io.vmrules.rules.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a range-query answer ({@code resultType: matrix}) with Jackson's streaming parser: points
 * go straight into primitive arrays, never through a tree. Keys may come in any order.
 */
public final class RangeResponseParser {
  private static final JsonFactory JSON = new JsonFactory();

  private RangeResponseParser() {}

  /**
   * @throws QueryException for an error answer or a malformed one
   */
  public static List<RangeSeries> parse(InputStream body) {
    try (JsonParser p = JSON.createParser(body)) {
      return read(p);
    } catch (IOException e) {
      throw new QueryException("cannot parse the answer: " + e.getMessage(), e);
    }
  }

  private static List<RangeSeries> read(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, p);
    String status = null;
    String errorType = null;
    String error = null;
    List<RangeSeries> result = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "status" -> status = p.getValueAsString();
        case "errorType" -> errorType = p.getValueAsString();
        case "error" -> error = p.getValueAsString();
        case "data" -> {
          if (t == JsonToken.START_OBJECT) {
            result = data(p);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    if (!"success".equals(status)) {
      String what = error != null ? error : "status " + status;
      throw new QueryException(errorType != null ? errorType + ": " + what : what);
    }
    if (result == null) {
      throw new QueryException("answer has no data");
    }
    return result;
  }

  private static List<RangeSeries> data(JsonParser p) throws IOException {
    String type = null;
    List<RangeSeries> series = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("resultType")) {
        type = p.getValueAsString();
      } else if (field.equals("result") && t == JsonToken.START_ARRAY) {
        series = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.START_OBJECT) {
          series.add(series(p));
        }
        if (next != JsonToken.END_ARRAY) {
          // a scalar or string answer: [ts, "v"]; the type check below names it
          p.skipChildren();
          while (p.currentToken() != JsonToken.END_ARRAY && p.nextToken() != null) {
            // skip to the end of the array
          }
          series = null;
        }
      } else {
        p.skipChildren();
      }
    }
    if (type == null) {
      throw new QueryException("answer has no resultType");
    }
    if (!type.equals("matrix")) {
      throw new QueryException(
          "unsupported result type \"" + type + "\" for a range query (expected a matrix)");
    }
    return series == null ? List.of() : series;
  }

  /** One {@code {"metric":{…},"values":[[ts,"v"],…]}}; the parser stands on its START_OBJECT. */
  private static RangeSeries series(JsonParser p) throws IOException {
    TreeMap<String, String> labels = new TreeMap<>();
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("metric") && t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          labels.put(name, p.getText());
        }
      } else if (field.equals("values") && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_ARRAY) {
          p.nextToken();
          long millis = Math.round(p.getValueAsDouble() * 1000);
          p.nextToken();
          double value = number(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
          expect(p.nextToken(), JsonToken.END_ARRAY, p);
          if (n == ts.length) {
            ts = Arrays.copyOf(ts, n * 2);
            vs = Arrays.copyOf(vs, n * 2);
          }
          ts[n] = millis;
          vs[n++] = value;
        }
      } else {
        // "value" (a vector) or "histograms": rules cannot use them here
        p.skipChildren();
      }
    }
    return new RangeSeries(Labels.from(labels), Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }

  /**
   * A sample value from the parser's buffer, without a String: numbers go to the FastDoubleParser
   * that jackson-core bundles (correctly rounded, as {@link Double#parseDouble}, whose slow path
   * for the 16 and 17 digits VictoriaMetrics answers took a fifth of replay's CPU); {@code +Inf},
   * {@code -Inf} and {@code NaN} to {@link #number(String)}.
   */
  static double number(char[] c, int offset, int length) {
    if (length > 0 && c[offset + length - 1] >= '0' && c[offset + length - 1] <= '9') {
      try {
        return NumberInput.parseDouble(c, offset, length, true);
      } catch (NumberFormatException e) {
        throw new QueryException("bad sample value \"" + new String(c, offset, length) + "\"");
      }
    }
    return number(new String(c, offset, length));
  }

  /** Prometheus spells infinities {@code +Inf}/{@code -Inf}. */
  static double number(String s) {
    switch (s) {
      case "+Inf", "Inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-Inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "NaN" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new QueryException("bad sample value \"" + s + "\"");
        }
      }
    }
  }

  private static void expect(JsonToken got, JsonToken want, JsonParser p) throws IOException {
    if (got != want) {
      throw new QueryException(
          "malformed answer: expected " + want + " but got " + got + " at " + p.currentLocation());
    }
  }
}
