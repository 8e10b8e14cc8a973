package io.vmrules.rules.remotewrite;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.RangeSeries;
import io.vmrules.rules.eval.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes Prometheus remote-write 1.0 {@code WriteRequest}s by hand (the message is small):
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 *
 * Labels sorted by name as {@link Labels} keeps them; then block snappy, as {@code
 * Content-Encoding: snappy} requires. An evaluation's samples ({@code rules run}, {@code rules
 * test}) are one time series each; a replay's series hold all their points in one time series,
 * since repeating the labels for each of a thousand points cost more CPU than everything else.
 */
public final class WriteRequestEncoder {
  private WriteRequestEncoder() {}

  /** What is encoded: series by index, each with its labels and points. */
  private interface Batch {
    int size();

    Labels labels(int series);

    int points(int series);

    long timestampMillis(int series, int point);

    double value(int series, int point);
  }

  /** The protobuf bytes of a write request holding {@code samples}, one time series each. */
  public static byte[] encode(List<Sample> samples) {
    return encode(
        new Batch() {
          @Override
          public int size() {
            return samples.size();
          }

          @Override
          public Labels labels(int series) {
            return samples.get(series).labels();
          }

          @Override
          public int points(int series) {
            return 1;
          }

          @Override
          public long timestampMillis(int series, int point) {
            return samples.get(series).timestampMillis();
          }

          @Override
          public double value(int series, int point) {
            return samples.get(series).value();
          }
        });
  }

  /** The protobuf bytes of a write request holding {@code series}, each with all its points. */
  public static byte[] encodeSeries(List<RangeSeries> series) {
    return encode(
        new Batch() {
          @Override
          public int size() {
            return series.size();
          }

          @Override
          public Labels labels(int i) {
            return series.get(i).labels();
          }

          @Override
          public int points(int i) {
            return series.get(i).size();
          }

          @Override
          public long timestampMillis(int i, int point) {
            return series.get(i).timestampsMillis()[point];
          }

          @Override
          public double value(int i, int point) {
            return series.get(i).values()[point];
          }
        });
  }

  /** Block-snappy compression of {@code raw}. */
  public static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private static byte[] encode(Batch batch) {
    int[] sizes = new int[batch.size()];
    int total = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = seriesSize(batch, i);
      total +=
          CodedOutputStream.computeTagSize(1)
              + CodedOutputStream.computeUInt32SizeNoTag(sizes[i])
              + sizes[i];
    }
    byte[] out = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      for (int i = 0; i < sizes.length; i++) {
        o.writeTag(1, 2);
        o.writeUInt32NoTag(sizes[i]);
        Labels l = batch.labels(i);
        for (int j = 0; j < l.size(); j++) {
          o.writeTag(1, 2);
          o.writeUInt32NoTag(labelSize(l.name(j), l.value(j)));
          o.writeString(1, l.name(j));
          o.writeString(2, l.value(j));
        }
        for (int j = 0, n = batch.points(i); j < n; j++) {
          double value = batch.value(i, j);
          long ts = batch.timestampMillis(i, j);
          o.writeTag(2, 2);
          o.writeUInt32NoTag(sampleSize(value, ts));
          o.writeDouble(1, value);
          o.writeInt64(2, ts);
        }
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static int seriesSize(Batch batch, int i) {
    int size = 0;
    Labels l = batch.labels(i);
    for (int j = 0; j < l.size(); j++) {
      int ls = labelSize(l.name(j), l.value(j));
      size +=
          CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(ls) + ls;
    }
    for (int j = 0, n = batch.points(i); j < n; j++) {
      int ss = sampleSize(batch.value(i, j), batch.timestampMillis(i, j));
      size +=
          CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(ss) + ss;
    }
    return size;
  }

  private static int labelSize(String name, String value) {
    return CodedOutputStream.computeStringSize(1, name)
        + CodedOutputStream.computeStringSize(2, value);
  }

  private static int sampleSize(double value, long timestampMillis) {
    return CodedOutputStream.computeDoubleSize(1, value)
        + CodedOutputStream.computeInt64Size(2, timestampMillis);
  }
}
