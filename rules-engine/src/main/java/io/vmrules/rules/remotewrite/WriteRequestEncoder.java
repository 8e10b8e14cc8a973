package io.vmrules.rules.remotewrite;

import com.google.protobuf.CodedOutputStream;
import io.airlift.compress.snappy.SnappyCompressor;
import io.vmrules.rules.eval.Labels;
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
 * One time series per sample, labels sorted by name as {@link Labels} keeps them; then block
 * snappy, as {@code Content-Encoding: snappy} requires.
 */
public final class WriteRequestEncoder {
  private WriteRequestEncoder() {}

  /** The protobuf bytes of a write request holding {@code samples}. */
  public static byte[] encode(List<Sample> samples) {
    int[] sizes = new int[samples.size()];
    int total = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = seriesSize(samples.get(i));
      total +=
          CodedOutputStream.computeTagSize(1)
              + CodedOutputStream.computeUInt32SizeNoTag(sizes[i])
              + sizes[i];
    }
    byte[] out = new byte[total];
    CodedOutputStream o = CodedOutputStream.newInstance(out);
    try {
      for (int i = 0; i < sizes.length; i++) {
        Sample s = samples.get(i);
        o.writeTag(1, 2);
        o.writeUInt32NoTag(sizes[i]);
        Labels l = s.labels();
        for (int j = 0; j < l.size(); j++) {
          o.writeTag(1, 2);
          o.writeUInt32NoTag(labelSize(l.name(j), l.value(j)));
          o.writeString(1, l.name(j));
          o.writeString(2, l.value(j));
        }
        o.writeTag(2, 2);
        o.writeUInt32NoTag(sampleSize(s));
        o.writeDouble(1, s.value());
        o.writeInt64(2, s.timestampMillis());
      }
      o.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Block-snappy compression of {@code raw}. */
  public static byte[] snappy(byte[] raw) {
    SnappyCompressor c = new SnappyCompressor();
    byte[] out = new byte[c.maxCompressedLength(raw.length)];
    int n = c.compress(raw, 0, raw.length, out, 0, out.length);
    return Arrays.copyOf(out, n);
  }

  private static int seriesSize(Sample s) {
    int size = 0;
    Labels l = s.labels();
    for (int j = 0; j < l.size(); j++) {
      int ls = labelSize(l.name(j), l.value(j));
      size +=
          CodedOutputStream.computeTagSize(1) + CodedOutputStream.computeUInt32SizeNoTag(ls) + ls;
    }
    int ss = sampleSize(s);
    return size
        + CodedOutputStream.computeTagSize(2)
        + CodedOutputStream.computeUInt32SizeNoTag(ss)
        + ss;
  }

  private static int labelSize(String name, String value) {
    return CodedOutputStream.computeStringSize(1, name)
        + CodedOutputStream.computeStringSize(2, value);
  }

  private static int sampleSize(Sample s) {
    return CodedOutputStream.computeDoubleSize(1, s.value())
        + CodedOutputStream.computeInt64Size(2, s.timestampMillis());
  }
}
