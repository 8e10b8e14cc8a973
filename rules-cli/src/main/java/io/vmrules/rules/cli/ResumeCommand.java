package io.vmrules.rules.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command line that resumes a stopped replay: the same arguments with {@code --from} moved to
 * where it stopped. Secrets given on the command line are not repeated: their values print as
 * {@code <secret>} (put them back, or use the file flags).
 */
final class ResumeCommand {
  private static final Pattern SECRET =
      Pattern.compile("--[^=]*\\.(basicAuth\\.password|bearerToken|headers)");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ResumeCommand() {}

  static String of(List<String> args, Instant from) {
    List<String> out = new ArrayList<>();
    out.add("bin/rules");
    out.add("replay");
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (i == 0 && a.equals("replay")) {
        continue;
      }
      if (a.equals("--from")) {
        i++;
        continue;
      }
      if (a.startsWith("--from=")) {
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (SECRET.matcher(name).matches()) {
        if (eq < 0) {
          out.add(a);
          i++;
          out.add("<secret>");
        } else {
          out.add(name + "=<secret>");
        }
        continue;
      }
      out.add(a);
    }
    out.add("--from");
    out.add(from.toString());
    List<String> quoted = new ArrayList<>();
    for (String s : out) {
      quoted.add(SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\\''") + "'");
    }
    return String.join(" ", quoted);
  }
}
