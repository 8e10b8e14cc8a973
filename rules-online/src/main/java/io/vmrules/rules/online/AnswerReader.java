package io.vmrules.rules.online;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Prometheus API answer with Jackson's streaming parser, keeping at most {@code keep}
 * values or label sets and counting the rest: an answer of 100k series never becomes 100k maps.
 * Reads {@code data} as a list of strings (label questions), or as {@code {resultType, result}}
 * (queries, samples skipped), and the series VictoriaMetrics fetched from its {@code trace} ({@code
 * fetch unique series=N}, summed) or {@code stats.seriesFetched}.
 */
final class AnswerReader {
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern FETCHED = Pattern.compile("fetch unique series=(\\d+)");

  /** An answer with {@code status} other than success: the API's error type and text. */
  static final class ErrorAnswer extends IOException {
    private static final long serialVersionUID = 1L;

    ErrorAnswer(String message) {
      super(message);
    }
  }

  private final int keep;
  private final double currentFrom;
  private long current;
  private final List<String> values = new ArrayList<>();
  private final List<Map<String, String>> series = new ArrayList<>();
  private long total;
  private long fetched = -1;

  private AnswerReader(int keep, double currentFrom) {
    this.keep = keep;
    this.currentFrom = currentFrom;
  }

  /**
   * @param currentFrom a matrix series whose last sample is at or after this (unix seconds) counts
   *     as current
   */
  static Answer read(InputStream body, int keep, double currentFrom, long startNanos)
      throws IOException {
    AnswerReader r = new AnswerReader(keep, currentFrom);
    try (JsonParser p = JSON.createParser(body)) {
      r.top(p);
    }
    return new Answer(
        r.values,
        r.series,
        r.total,
        r.current,
        r.fetched,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private void top(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("the answer is not a JSON object");
    }
    String status = null;
    String errorType = null;
    String error = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "status" -> status = p.getValueAsString();
        case "errorType" -> errorType = p.getValueAsString();
        case "error" -> error = p.getValueAsString();
        case "data" -> data(p, t);
        case "trace" -> trace(p, t);
        case "stats" -> stats(p, t);
        default -> p.skipChildren();
      }
    }
    if (!"success".equals(status)) {
      throw new ErrorAnswer(
          (errorType != null ? errorType + ": " : "")
              + (error != null ? error : "status " + status));
    }
  }

  private void data(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_ARRAY) {
      // label names or values; /api/v1/series gives objects
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        total++;
        if (t == JsonToken.START_OBJECT) {
          Map<String, String> labels = labels(p, series.size() + values.size() < keep);
          if (labels != null) {
            series.add(labels);
          }
        } else if (values.size() < keep) {
          values.add(p.getValueAsString());
        } else {
          p.skipChildren();
        }
      }
      return;
    }
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("result") && v == JsonToken.START_ARRAY) {
        JsonToken x;
        while ((x = p.nextToken()) != JsonToken.END_ARRAY && x != null) {
          if (x != JsonToken.START_OBJECT) {
            p.skipChildren(); // a scalar's [t, "v"]: counted by its resultType
            continue;
          }
          total++;
          Map<String, String> labels = null;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken ft = p.nextToken();
            if (f.equals("metric")) {
              labels = labels(p, series.size() < keep);
            } else if (f.equals("values") && ft == JsonToken.START_ARRAY) {
              if (lastTimestamp(p) >= currentFrom) {
                current++;
              }
            } else {
              if (f.equals("value")) {
                current++;
              }
              p.skipChildren();
            }
          }
          if (labels != null) {
            series.add(labels);
          }
        }
      } else if (field.equals("result") && v == JsonToken.VALUE_STRING) {
        total++; // a string result
      } else if (field.equals("result") && v == JsonToken.START_OBJECT) {
        p.skipChildren();
      } else {
        if (field.equals("resultType") && "scalar".equals(p.getValueAsString())) {
          total++;
        }
        p.skipChildren();
      }
    }
  }

  /** The timestamp of the last {@code [t, "v"]} pair of a matrix series' values. */
  private static double lastTimestamp(JsonParser p) throws IOException {
    double last = Double.NEGATIVE_INFINITY;
    while (p.nextToken() == JsonToken.START_ARRAY) {
      if (p.nextToken() == JsonToken.VALUE_NUMBER_INT
          || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
        last = p.getDoubleValue();
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
      }
    }
    return last;
  }

  /** Reads a label object; null (after skipping it) when not kept. */
  private static Map<String, String> labels(JsonParser p, boolean kept) throws IOException {
    if (!kept) {
      p.skipChildren();
      return null;
    }
    Map<String, String> labels = new TreeMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      labels.put(name, p.getValueAsString());
    }
    return labels;
  }

  private void trace(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    int depth = 1;
    while (depth > 0) {
      JsonToken x = p.nextToken();
      if (x == null) {
        return;
      }
      switch (x) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        case VALUE_STRING -> {
          if ("message".equals(p.currentName())) {
            Matcher m = FETCHED.matcher(p.getText());
            if (m.find()) {
              fetched = Math.max(0, fetched) + Long.parseLong(m.group(1));
            }
          }
        }
        default -> {}
      }
    }
  }

  private void stats(JsonParser p, JsonToken t) throws IOException {
    if (t != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      if (field.equals("seriesFetched") && fetched < 0) {
        try {
          fetched = Long.parseLong(p.getValueAsString("-1"));
        } catch (NumberFormatException e) {
          // not a number: unknown
        }
      } else {
        p.skipChildren();
      }
    }
  }
}
