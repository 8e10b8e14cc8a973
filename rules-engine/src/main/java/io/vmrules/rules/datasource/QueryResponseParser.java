package io.vmrules.rules.datasource;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.QueryException;
import io.vmrules.rules.eval.QueryResult;
import io.vmrules.rules.eval.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Reads a Prometheus query API answer with Jackson's streaming parser, one series at a time, so
 * answers with 100k series never become a tree. Keys may come in any order.
 */
public final class QueryResponseParser {
  private static final JsonFactory JSON = new JsonFactory();

  private QueryResponseParser() {}

  /**
   * @throws QueryException for an error answer or a malformed one
   */
  public static QueryResult parse(InputStream body) {
    try (JsonParser p = JSON.createParser(body)) {
      return read(p);
    } catch (IOException e) {
      throw new QueryException("cannot parse the answer: " + e.getMessage(), e);
    }
  }

  private static QueryResult read(JsonParser p) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, p);
    String status = null;
    String errorType = null;
    String error = null;
    QueryResult result = null;
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

  private static QueryResult data(JsonParser p) throws IOException {
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
            vector.add(series(p));
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

  private static void requireValue(String[] text) {
    if (text == null) {
      throw new QueryException("answer has no value");
    }
  }

  /** One {@code {"metric":{…},"value":[ts,"v"]}}; the parser stands on its START_OBJECT. */
  private static Sample series(JsonParser p) throws IOException {
    TreeMap<String, String> labels = new TreeMap<>();
    double ts = 0;
    String value = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      if (field.equals("metric") && t == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          labels.put(name, p.getText().intern());
        }
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
    return new Sample(Labels.from(labels), number(value), millis(ts));
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
