package io.vmrules.template.funcs;

/** Go's {@code net.SplitHostPort}, {@code JoinHostPort} and a literal-only {@code ParseIP}. */
final class HostPorts {
  private HostPorts() {}

  /** {host, port}, or null where Go returns an error. */
  static String[] split(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      return null;
    }
    String host;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0 || close + 1 != colon) {
        return null;
      }
      host = hostPort.substring(1, close);
      if (host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
        return null;
      }
    } else {
      host = hostPort.substring(0, colon);
      if (host.indexOf(':') >= 0 || host.indexOf('[') >= 0 || host.indexOf(']') >= 0) {
        return null;
      }
    }
    String port = hostPort.substring(colon + 1);
    if (port.indexOf('[') >= 0 || port.indexOf(']') >= 0) {
      return null;
    }
    return new String[] {host, port};
  }

  static String join(String host, String port) {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  static boolean isIp(String s) {
    return isIpv4(s) || isIpv6(s);
  }

  private static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty()
          || p.length() > 3
          || !p.chars().allMatch(Character::isDigit)
          || (p.length() > 1 && p.charAt(0) == '0')
          || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    if (s.indexOf(':') < 0) {
      return false;
    }
    int ellipsis = s.indexOf("::");
    if (ellipsis >= 0 && s.indexOf("::", ellipsis + 1) >= 0) {
      return false;
    }
    String[] halves =
        ellipsis >= 0
            ? new String[] {s.substring(0, ellipsis), s.substring(ellipsis + 2)}
            : new String[] {s};
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String p = parts[i];
        boolean last = h == halves.length - 1 && i == parts.length - 1;
        if (last && p.contains(".")) {
          if (!isIpv4(p)) {
            return false;
          }
          groups += 2;
        } else {
          if (p.isEmpty()
              || p.length() > 4
              || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return false;
          }
          groups++;
        }
      }
    }
    return ellipsis >= 0 ? groups < 8 : groups == 8;
  }
}
