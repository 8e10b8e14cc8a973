package io.vmrules.rules.datasource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads Prometheus query API answers with Jackson's streaming parser, one series at a time, so
 * answers with 100k series never become a tree: instant answers ({@code vector}, {@code scalar},
 * {@code string}) and range answers ({@code matrix}, whose points go straight into primitive
 * arrays). Keys may come in any order. The envelope ({@code status}, {@code errorType}, {@code
 * error}, {@code data}) is read once for both.
 */
public final class QueryResponseParser {
  private static final JsonFactory JSON = new JsonFactory();

  private QueryResponseParser() {}

  /** Reads the {@code data} object; the parser stands on its START_OBJECT. */
  @FunctionalInterface
  private interface DataReader<T> {
    T read(JsonParser p) throws IOException;
  }

  /**
   * An instant query's answer.
   *
   * @throws QueryException for an error answer or a malformed one
   */
  public static QueryResult parse(InputStream body) {
    return parse(body, QueryResponseParser::instantData);
  }

  /**
   * A range query's answer.
   *
   * @throws QueryException for an error answer, a malformed one or one that is not a matrix
   */
  public static List<RangeSeries> parseRange(InputStream body) {
    return parse(body, QueryResponseParser::rangeData);
  }

  private static <T> T parse(InputStream body, DataReader<T> data) {
    try (JsonParser p = JSON.createParser(body)) {
      return envelope(p, data);
    } catch (IOException e) {
      throw new QueryException("cannot parse the answer: " + e.getMessage(), e);
    }
  }

  private static <T> T envelope(JsonParser p, DataReader<T> data) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, p);
    String status = null;
    String errorType = null;
    String error = null;
    T result = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "status" -> status = p.getValueAsString();
        case "errorType" -> errorType = p.getValueAsString();
        case "error" -> error = p.getValueAsString();
        case "data" -> {
          if (t == JsonToken.START_OBJECT) {
            result = data.read(p);
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

  private static QueryResult instantData(JsonParser p) throws IOException {
    String type = null;
    List<Sample> vector = null;
    double[] scalar = null;
    String[] text = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("resultType")) {
        type = p.getValueAsString();
      } else if (field.equals("result") && t == JsonToken.START_ARRAY) {
        // The result may come before resultType: read by shape.
        JsonToken first = p.nextToken();
        if (first == JsonToken.END_ARRAY) {
          vector = List.of();
        } else if (first == JsonToken.START_OBJECT) {
          vector = new ArrayList<>();
          do {
            vector.add(sample(p));
          } while (p.nextToken() == JsonToken.START_OBJECT);
        } else {
          double ts = p.getValueAsDouble();
          p.nextToken();
          String v = p.getValueAsString();
          expect(p.nextToken(), JsonToken.END_ARRAY, p);
          scalar = new double[] {ts};
          text = new String[] {v};
        }
      } else {
        p.skipChildren();
      }
    }
    if (type == null) {
      throw new QueryException("answer has no resultType");
    }
    switch (type) {
      case "vector" -> {
        return new QueryResult.Vector(vector == null ? List.of() : vector);
      }
      case "scalar" -> {
        requireValue(text);
        return new QueryResult.Scalar(number(text[0]), millis(scalar[0]));
      }
      case "string" -> {
        requireValue(text);
        return new QueryResult.Text(text[0], millis(scalar[0]));
      }
      default ->
          throw new QueryException(
              "unsupported result type \"" + type + "\" (rules need a vector or a scalar)");
    }
  }

  private static List<RangeSeries> rangeData(JsonParser p) throws IOException {
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
          series.add(rangeSeries(p));
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

  private static void requireValue(String[] text) {
    if (text == null) {
      throw new QueryException("answer has no value");
    }
  }

  /** One {@code {"metric":{…},"value":[ts,"v"]}}; the parser stands on its START_OBJECT. */
  private static Sample sample(JsonParser p) throws IOException {
    Labels labels = Labels.empty();
    double ts = 0;
    String value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("metric") && t == JsonToken.START_OBJECT) {
        // instant answers repeat the same label values every evaluation: keep one copy
        labels = metric(p, true);
      } else if (field.equals("value") && t == JsonToken.START_ARRAY) {
        p.nextToken();
        ts = p.getValueAsDouble();
        p.nextToken();
        value = p.getText();
        expect(p.nextToken(), JsonToken.END_ARRAY, p);
      } else {
        // "values" (a matrix) or "histogram": rules cannot use them
        p.skipChildren();
      }
    }
    if (value == null) {
      throw new QueryException("series " + labels + " has no value");
    }
    return new Sample(labels, number(value), millis(ts));
  }

  /** One {@code {"metric":{…},"values":[[ts,"v"],…]}}; the parser stands on its START_OBJECT. */
  private static RangeSeries rangeSeries(JsonParser p) throws IOException {
    Labels labels = Labels.empty();
    long[] ts = new long[16];
    double[] vs = new double[16];
    int n = 0;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("metric") && t == JsonToken.START_OBJECT) {
        labels = metric(p, false);
      } else if (field.equals("values") && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_ARRAY) {
          p.nextToken();
          long millis = millis(p.getValueAsDouble());
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
    return new RangeSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
  }

  /** A {@code "metric"} object's labels; the parser stands on its START_OBJECT. */
  private static Labels metric(JsonParser p, boolean intern) throws IOException {
    TreeMap<String, String> labels = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      String value = p.getText();
      labels.put(name, intern ? value.intern() : value);
    }
    return Labels.from(labels);
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

  private static long millis(double seconds) {
    return Math.round(seconds * 1000);
  }

  private static void expect(JsonToken got, JsonToken want, JsonParser p) throws IOException {
    if (got != want) {
      throw new QueryException(
          "malformed answer: expected " + want + " but got " + got + " at " + p.currentLocation());
    }
  }
}
