package io.vmrules.rules.replay;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import io.vmrules.rules.eval.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes a remote-write 1.0 {@code WriteRequest} with one {@code TimeSeries} per series holding
 * all its points, then block snappy. The engine's encoder writes one time series per sample, which
 * suits a few samples per series at an evaluation; a replay writes a thousand points per series at
 * once, and repeating the labels for each cost more CPU than everything else.
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 */
final class SeriesEncoder {
  private SeriesEncoder() {}

  /** The snappy-compressed protobuf of a write request holding {@code series}. */
  static byte[] encode(List<RangeSeries> series) {
    int[] sizes = new int[series.size()];
    int total = 0;
    for (int i = 0; i < sizes.length; i++) {
      RangeSeries s = series.get(i);
      int size = labelsSize(s.labels());
      long[] ts = s.timestampsMillis();
      double[] vs = s.values();
      for (int j = 0; j < ts.length; j++) {
        int ss = sampleSize(vs[j], ts[j]);
        size +=
            CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(ss) + ss;
      }
      sizes[i] = size;
      total +=
          CodedOutputStream.computeTagSize(1)
              + CodedOutputStream.computeUInt32SizeNoTag(size)
              + size;
    }
    byte[] raw = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(raw);
    try {
      for (int i = 0; i < sizes.length; i++) {
        RangeSeries s = series.get(i);
        o.writeTag(1, 2);
        o.writeUInt32NoTag(sizes[i]);
        Labels l = s.labels();
        for (int j = 0; j < l.size(); j++) {
          o.writeTag(1, 2);
          o.writeUInt32NoTag(labelSize(l.name(j), l.value(j)));
          o.writeString(1, l.name(j));
          o.writeString(2, l.value(j));
        }
        long[] ts = s.timestampsMillis();
        double[] vs = s.values();
        for (int j = 0; j < ts.length; j++) {
          o.writeTag(2, 2);
          o.writeUInt32NoTag(sampleSize(vs[j], ts[j]));
          o.writeDouble(1, vs[j]);
          o.writeInt64(2, ts[j]);
        }
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private static int labelsSize(Labels l) {
    int size = 0;
    for (int j = 0; j < l.size(); j++) {
      int ls = labelSize(l.name(j), l.value(j));
      size +=
          CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(ls) + ls;
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
