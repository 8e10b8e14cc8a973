package io.vmrules.template.gofmt;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat(v, fmt, prec, 64)} for {@code e E f g G}. Digits come from the
 * exact binary value rounded half-to-even, as Go does; precision -1 asks for the shortest digits
 * that read back as the same double.
 */
public final class GoFloat {
  private GoFloat() {}

  /** Decimal digits (no trailing zeros) and the decimal point position: 0.d × 10^dp. */
  private record Digits(String d, int dp) {
    int nd() {
      return d.length();
    }
  }

  public static String format(double v, char fmt, int prec) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    boolean neg = v < 0 || (v == 0 && 1 / v < 0);
    double abs = Math.abs(v);
    boolean shortest = prec < 0;
    Digits digs;
    if (shortest) {
      digs = shortest(abs);
      prec =
          switch (fmt) {
            case 'e', 'E' -> Math.max(digs.nd() - 1, 0);
            case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
            default -> digs.nd();
          };
    } else {
      switch (fmt) {
        case 'e', 'E' -> digs = significant(abs, prec + 1);
        case 'f' -> digs = fixed(abs, prec);
        default -> {
          if (prec == 0) {
            prec = 1;
          }
          digs = significant(abs, prec);
        }
      }
    }
    StringBuilder out = new StringBuilder(24);
    if (neg) {
      out.append('-');
    }
    switch (fmt) {
      case 'e', 'E' -> fmtE(out, digs, prec, fmt);
      case 'f' -> fmtF(out, digs, prec);
      default -> {
        int eprec = prec;
        if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
          eprec = digs.nd();
        }
        if (shortest) {
          eprec = 6;
        }
        int exp = digs.dp() - 1;
        if (exp < -4 || exp >= eprec) {
          if (prec > digs.nd()) {
            prec = digs.nd();
          }
          fmtE(out, digs, prec - 1, fmt == 'G' ? 'E' : 'e');
        } else {
          if (prec > digs.dp()) {
            prec = digs.nd();
          }
          fmtF(out, digs, Math.max(prec - digs.dp(), 0));
        }
      }
    }
    return out.toString();
  }

  private static Digits shortest(double abs) {
    if (abs == 0) {
      return new Digits("", 0);
    }
    BigDecimal exact = new BigDecimal(abs);
    for (int p = 1; p < 17; p++) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() == abs) {
        return digits(r);
      }
    }
    return digits(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  private static Digits significant(double abs, int n) {
    if (abs == 0) {
      return new Digits("", 0);
    }
    return digits(new BigDecimal(abs).round(new MathContext(n, RoundingMode.HALF_EVEN)));
  }

  private static Digits fixed(double abs, int decimals) {
    return digits(new BigDecimal(abs).setScale(decimals, RoundingMode.HALF_EVEN));
  }

  private static Digits digits(BigDecimal r) {
    if (r.signum() == 0) {
      return new Digits("", 0);
    }
    String u = r.unscaledValue().toString();
    int dp = u.length() - r.scale();
    int end = u.length();
    while (end > 0 && u.charAt(end - 1) == '0') {
      end--;
    }
    return new Digits(u.substring(0, end), dp);
  }

  private static void fmtE(StringBuilder out, Digits digs, int prec, char fmt) {
    out.append(digs.nd() == 0 ? '0' : digs.d().charAt(0));
    if (prec > 0) {
      out.append('.');
      for (int i = 1; i <= prec; i++) {
        out.append(i < digs.nd() ? digs.d().charAt(i) : '0');
      }
    }
    out.append(fmt);
    int exp = digs.nd() == 0 ? 0 : digs.dp() - 1;
    out.append(exp < 0 ? '-' : '+');
    exp = Math.abs(exp);
    if (exp < 10) {
      out.append('0');
    }
    out.append(exp);
  }

  private static void fmtF(StringBuilder out, Digits digs, int prec) {
    if (digs.dp() > 0) {
      for (int i = 0; i < digs.dp(); i++) {
        out.append(i < digs.nd() ? digs.d().charAt(i) : '0');
      }
    } else {
      out.append('0');
    }
    if (prec > 0) {
      out.append('.');
      for (int i = 1; i <= prec; i++) {
        int j = digs.dp() + i - 1;
        out.append(j >= 0 && j < digs.nd() ? digs.d().charAt(j) : '0');
      }
    }
  }
}
