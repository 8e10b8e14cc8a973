package io.vmrules.template.funcs;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.vmrules.cache.BoundedCache;
import io.vmrules.template.gofmt.GoQuote;
import io.vmrules.template.runtime.FunctionException;

/**
 * RE2 regular expressions (re2j) with Go's {@code regexp} behaviour where it differs from Java's:
 * {@code ReplaceAllString}'s handling of empty matches and its {@code $1}/{@code ${name}}
 * expansion. Compiled patterns are cached per instance, with a bound.
 */
final class GoRegexp {
  private final BoundedCache<String, Pattern> cache = new BoundedCache<>(256);

  Pattern compile(String expr, String caller) {
    try {
      return cache.get(expr, Pattern::compile);
    } catch (PatternSyntaxException e) {
      throw new FunctionException(
          caller + "(" + GoQuote.quote(expr) + "): error parsing regexp: " + e.getDescription());
    }
  }

  boolean matches(String expr, String s) {
    return compile(expr, "regexp.MatchString").matcher(s).find();
  }

  String replaceAll(String expr, String repl, String src) {
    Pattern re = compile(expr, "regexp: Compile");
    Matcher m = re.matcher(src);
    StringBuilder out = new StringBuilder(src.length());
    int lastMatchEnd = 0;
    int searchPos = 0;
    while (searchPos <= src.length() && m.find(searchPos)) {
      int start = m.start();
      int end = m.end();
      out.append(src, lastMatchEnd, start);
      // No replacement for an empty match right after a previous match (as Go).
      if (end > lastMatchEnd || start == 0) {
        expand(out, repl, m, re);
      }
      lastMatchEnd = end;
      int width = searchPos < src.length() ? Character.charCount(src.codePointAt(searchPos)) : 1;
      if (searchPos + width > end) {
        searchPos += width;
      } else if (searchPos + 1 > end) {
        searchPos++;
      } else {
        searchPos = end;
      }
    }
    out.append(src, Math.min(lastMatchEnd, src.length()), src.length());
    return out.toString();
  }

  private static void expand(StringBuilder out, String template, Matcher m, Pattern re) {
    int i = 0;
    while (i < template.length()) {
      int dollar = template.indexOf('$', i);
      if (dollar < 0) {
        break;
      }
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
        continue;
      }
      int[] parsed = extract(template, i);
      if (parsed == null) {
        out.append('$');
        continue;
      }
      int nameStart = parsed[0];
      int nameEnd = parsed[1];
      i = parsed[2];
      String name = template.substring(nameStart, nameEnd);
      int num = groupNumber(name);
      if (num >= 0) {
        if (num <= m.groupCount() && m.group(num) != null) {
          out.append(m.group(num));
        }
      } else {
        Integer g = re.namedGroups().get(name);
        if (g != null && m.group(g) != null) {
          out.append(m.group(g));
        }
      }
    }
    out.append(template, Math.min(i, template.length()), template.length());
  }

  /** Go's {@code extract}: {nameStart, nameEnd, rest} or null when malformed. */
  private static int[] extract(String s, int i) {
    if (i >= s.length()) {
      return null;
    }
    boolean brace = s.charAt(i) == '{';
    int start = brace ? i + 1 : i;
    int j = start;
    while (j < s.length()) {
      int c = s.codePointAt(j);
      if (!Character.isLetter(c) && !Character.isDigit(c) && c != '_') {
        break;
      }
      j += Character.charCount(c);
    }
    if (j == start) {
      return null;
    }
    int end = j;
    if (brace) {
      if (j >= s.length() || s.charAt(j) != '}') {
        return null;
      }
      j++;
    }
    return new int[] {start, end, j};
  }

  private static int groupNumber(String name) {
    int num = 0;
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (c < '0' || c > '9' || num >= 100_000_000) {
        return -1;
      }
      num = num * 10 + (c - '0');
    }
    return name.charAt(0) == '0' && name.length() > 1 ? -1 : num;
  }
}
