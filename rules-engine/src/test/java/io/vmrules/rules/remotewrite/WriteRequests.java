package io.vmrules.rules.remotewrite;

import com.google.protobuf.CodedInputStream;
import io.airlift.compress.snappy.SnappyDecompressor;
import io.vmrules.rules.eval.Labels;
import io.vmrules.rules.eval.Sample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Decodes snappy-compressed remote-write requests in tests. */
final class WriteRequests {
  private WriteRequests() {}

  static List<Sample> decode(byte[] compressed) throws IOException {
    byte[] raw = new byte[SnappyDecompressor.getUncompressedLength(compressed, 0)];
    new SnappyDecompressor().decompress(compressed, 0, compressed.length, raw, 0, raw.length);
    return decodeRaw(raw);
  }

  static List<Sample> decodeRaw(byte[] raw) throws IOException {
    List<Sample> out = new ArrayList<>();
    CodedInputStream in = CodedInputStream.newInstance(raw);
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      CodedInputStream ts = CodedInputStream.newInstance(in.readByteArray());
      TreeMap<String, String> labels = new TreeMap<>();
      double value = 0;
      long time = 0;
      for (int t = ts.readTag(); t != 0; t = ts.readTag()) {
        CodedInputStream m = CodedInputStream.newInstance(ts.readByteArray());
        if (t >>> 3 == 1) {
          String name = null;
          String v = null;
          for (int f = m.readTag(); f != 0; f = m.readTag()) {
            if (f >>> 3 == 1) {
              name = m.readString();
            } else {
              v = m.readString();
            }
          }
          labels.put(name, v);
        } else {
          for (int f = m.readTag(); f != 0; f = m.readTag()) {
            if (f >>> 3 == 1) {
              value = m.readDouble();
            } else {
              time = m.readInt64();
            }
          }
        }
      }
      out.add(new Sample(Labels.from(labels), value, time));
    }
    return out;
  }
}
