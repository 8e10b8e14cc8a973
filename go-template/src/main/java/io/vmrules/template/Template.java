package io.vmrules.template;

import io.vmrules.template.exec.ExecError;
import io.vmrules.template.exec.Executor;
import io.vmrules.template.parse.ParseProblem;
import io.vmrules.template.parse.ParsedTemplate;
import io.vmrules.template.parse.Parser;
import io.vmrules.template.runtime.RenderContext;
import io.vmrules.template.runtime.RenderLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed Go text/template, ready to render many times (thread-safe: each render has its own
 * state). {@link #parse} is for the evaluator, {@link #check} for the validator.
 */
public final class Template {
  private final String name;
  private final String text;
  private final ParsedTemplate parsed;
  private final FunctionSet functions;

  /** The outcome of {@link #parse}: a template exactly when there are no errors. */
  public record Parsed(Optional<Template> template, List<TemplateError> errors) {
    public Parsed {
      errors = List.copyOf(errors);
    }
  }

  /** The outcome of {@link #check}: every problem found, and the facts lints need. */
  public record Check(List<TemplateError> errors, TemplateFacts facts) {
    public Check {
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private Template(String name, String text, ParsedTemplate parsed, FunctionSet functions) {
    this.name = name;
    this.text = text;
    this.parsed = parsed;
    this.functions = functions;
  }

  /**
   * Parses with Go's rules: a syntax error, an unknown function or an undefined variable makes the
   * template unusable (Prometheus would fail every render of it).
   */
  public static Parsed parse(String name, String text, FunctionSet functions) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
    ParsedTemplate p = parseTree(text, functions);
    List<TemplateError> errors = errors(text, p);
    if (!errors.isEmpty()) {
      return new Parsed(Optional.empty(), errors);
    }
    return new Parsed(Optional.of(new Template(name, text, p, functions)), errors);
  }

  /**
   * Parses and checks statically: beyond {@link #parse}, wrong argument counts and calls of
   * templates that are not defined here. Also reports the facts lints need.
   */
  public static Check check(String text, FunctionSet functions) {
    ParsedTemplate p = parseTree(text, functions);
    List<TemplateError> errors = errors(text, p);
    if (hasSyntaxError(p)) {
      return new Check(errors, TemplateFacts.NONE);
    }
    StaticCheck sc = new StaticCheck(p, functions);
    for (StaticCheck.Problem problem : sc.problems()) {
      errors.add(error(text, problem.code(), problem.offset(), problem.message()));
    }
    errors.sort(java.util.Comparator.comparingInt(TemplateError::offset));
    return new Check(errors, sc.facts());
  }

  /** A loop, not a stream: every annotation of every alert is checked, mostly on a cold JVM. */
  private static boolean hasSyntaxError(ParsedTemplate p) {
    for (ParseProblem problem : p.problems()) {
      if (problem.kind() == ParseProblem.Kind.SYNTAX) {
        return true;
      }
    }
    return false;
  }

  private static ParsedTemplate parseTree(String text, FunctionSet functions) {
    try {
      return Parser.parse(text, functions::has, functions.variables());
    } catch (StackOverflowError e) {
      return new ParsedTemplate(
          new io.vmrules.template.parse.Node.ListNode(0, List.of()),
          java.util.Map.of(),
          List.of(new ParseProblem(ParseProblem.Kind.SYNTAX, 0, "template is nested too deeply")));
    }
  }

  /** With a syntax error only that is reported: names seen before it may be its own debris. */
  private static List<TemplateError> errors(String text, ParsedTemplate p) {
    List<TemplateError> errors = new ArrayList<>();
    boolean syntax = hasSyntaxError(p);
    for (ParseProblem problem : p.problems()) {
      if (syntax && problem.kind() != ParseProblem.Kind.SYNTAX) {
        continue;
      }
      String code =
          switch (problem.kind()) {
            case SYNTAX -> TemplateError.SYNTAX;
            case UNKNOWN_FUNCTION -> TemplateError.UNKNOWN_FUNCTION;
            case UNDEFINED_VARIABLE -> TemplateError.UNDEFINED_VARIABLE;
          };
      errors.add(error(text, code, problem.offset(), problem.message()));
    }
    return errors;
  }

  static TemplateError error(String text, String code, int offset, String message) {
    int[] lc = lineColumn(text, offset);
    return new TemplateError(code, Math.max(0, offset), lc[0], lc[1], message);
  }

  /** 1-based line and column of an offset. */
  static int[] lineColumn(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    int end = Math.max(0, Math.min(offset, text.length()));
    for (int i = 0; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, end - lineStart + 1};
  }

  public String name() {
    return name;
  }

  public String text() {
    return text;
  }

  public RenderResult render(RenderContext data) {
    return render(data, RenderLimits.defaults());
  }

  /**
   * Renders. Never throws for anything the template or the data do: a failure gives the raw
   * template text and the reason, as the issue asks (Prometheus shows an error text instead).
   */
  public RenderResult render(RenderContext data, RenderLimits limits) {
    try {
      return RenderResult.ok(new Executor(parsed, functions, data, limits, name).run());
    } catch (ExecError e) {
      int[] lc = e.offset() < 0 ? new int[] {0, 0} : lineColumn(text, e.offset());
      String where = e.offset() < 0 ? name : name + ":" + lc[0] + ":" + lc[1];
      return RenderResult.failed(
          text, new RenderError("template: " + where + ": " + e.getMessage(), lc[0], lc[1]));
    } catch (StackOverflowError e) {
      return RenderResult.failed(
          text, new RenderError("template: " + name + ": nesting too deep to render", 0, 0));
    } catch (RuntimeException e) {
      // A bug of ours must not take the evaluator down either.
      return RenderResult.failed(
          text, new RenderError("template: " + name + ": internal error: " + e, 0, 0));
    }
  }
}
