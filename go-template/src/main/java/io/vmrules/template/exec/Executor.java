package io.vmrules.template.exec;

import io.vmrules.template.gofmt.GoFmt;
import io.vmrules.template.parse.Node;
import io.vmrules.template.parse.Node.Action;
import io.vmrules.template.parse.Node.Bool;
import io.vmrules.template.parse.Node.Chain;
import io.vmrules.template.parse.Node.Command;
import io.vmrules.template.parse.Node.Dot;
import io.vmrules.template.parse.Node.Field;
import io.vmrules.template.parse.Node.Identifier;
import io.vmrules.template.parse.Node.ListNode;
import io.vmrules.template.parse.Node.Nil;
import io.vmrules.template.parse.Node.Pipe;
import io.vmrules.template.parse.Node.StringLit;
import io.vmrules.template.parse.Node.Variable;
import io.vmrules.template.parse.ParsedTemplate;
import io.vmrules.template.runtime.FunctionContext;
import io.vmrules.template.runtime.FunctionException;
import io.vmrules.template.runtime.FunctionLookup;
import io.vmrules.template.runtime.QuerySample;
import io.vmrules.template.runtime.RenderContext;
import io.vmrules.template.runtime.RenderLimits;
import io.vmrules.template.runtime.TemplateFunction;
import io.vmrules.template.value.AnyMap;
import io.vmrules.template.value.GoDuration;
import io.vmrules.template.value.GoStruct;
import io.vmrules.template.value.GoTime;
import io.vmrules.template.value.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Executes a parsed template as Go's {@code text/template/exec.go} does, with Prometheus' {@code
 * missingkey=zero}: a missing map key gives the element type's zero value. One instance per render;
 * not thread-safe.
 */
public final class Executor implements FunctionContext {
  /** Marks "no piped value" (Go's missingVal), distinct from a piped nil. */
  private static final Object MISSING = new Object();

  private static final class BreakSignal extends RuntimeException {
    BreakSignal() {
      super(null, null, false, false);
    }
  }

  private static final class ContinueSignal extends RuntimeException {
    ContinueSignal() {
      super(null, null, false, false);
    }
  }

  private record Var(String name, Object[] value) {}

  private final ParsedTemplate template;
  private final FunctionLookup functions;
  private final RenderContext data;
  private final RenderLimits limits;
  private final String name;
  private List<Var> vars = new ArrayList<>();
  private StringBuilder out = new StringBuilder();
  private int depth;
  private int iterations;
  private int queries;
  private String current;

  public Executor(
      ParsedTemplate template,
      FunctionLookup functions,
      RenderContext data,
      RenderLimits limits,
      String name) {
    this.template = template;
    this.functions = functions;
    this.data = data;
    this.limits = limits;
    this.name = name;
    this.current = name;
  }

  /** Renders the main body. */
  public String run() {
    Object dot = GoValues.normalize(data.dot());
    push("$", dot);
    Map<String, Object> predeclared = new TreeMap<>(data.variables());
    for (Map.Entry<String, Object> e : predeclared.entrySet()) {
      String n = e.getKey().startsWith("$") ? e.getKey() : "$" + e.getKey();
      push(n, GoValues.normalize(e.getValue()));
    }
    walk(dot, template.body());
    return out.toString();
  }

  // ---- FunctionContext

  @Override
  public RenderContext data() {
    return data;
  }

  @Override
  public List<QuerySample> query(String expr) {
    if (++queries > limits.maxQueries()) {
      throw new FunctionException(
          "too many queries in one render (limit " + limits.maxQueries() + ")");
    }
    List<QuerySample> result;
    try {
      result = data.queryFunction().query(expr);
    } catch (FunctionException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new FunctionException(
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    return result == null ? List.of() : List.copyOf(result);
  }

  @Override
  public String executeTemplate(String templateName, Object dot) {
    StringBuilder saved = out;
    out = new StringBuilder();
    try {
      callTemplate(-1, templateName, GoValues.normalize(dot));
      return out.toString();
    } finally {
      out = saved;
    }
  }

  @Override
  public int maxStringLength() {
    return limits.maxOutputChars();
  }

  // ---- errors

  private ExecError error(Node at, String message) {
    String where = at == null ? "" : " at <" + describe(at) + ">";
    return new ExecError(
        at == null ? -1 : at.pos(), "executing \"" + current + "\"" + where + ": " + message);
  }

  private static String describe(Node n) {
    String s = n instanceof Pipe p ? "(" + p + ")" : n.toString();
    return s.length() > 50 ? s.substring(0, 47) + "..." : s;
  }

  // ---- variables

  private void push(String n, Object v) {
    vars.add(new Var(n, new Object[] {v}));
  }

  private int mark() {
    return vars.size();
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void setVar(Node at, String n, Object v) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(n)) {
        vars.get(i).value[0] = v;
        return;
      }
    }
    throw error(at, "undefined variable: " + n);
  }

  private void setTopVar(int n, Object v) {
    vars.get(vars.size() - n).value[0] = v;
  }

  private Object varValue(Node at, String n) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name.equals(n)) {
        return vars.get(i).value[0];
      }
    }
    throw error(at, "undefined variable: " + n);
  }

  // ---- output

  private void write(Node at, String s) {
    if (out.length() + s.length() > limits.maxOutputChars()) {
      throw error(at, "output exceeds the limit of " + limits.maxOutputChars() + " characters");
    }
    out.append(s);
  }

  // ---- walking

  private void walk(Object dot, Node node) {
    if (node instanceof ListNode l) {
      for (Node n : l.nodes()) {
        walk(dot, n);
      }
    } else if (node instanceof Node.Text t) {
      write(t, t.text());
    } else if (node instanceof Action a) {
      Object v = evalPipeline(dot, a.pipe());
      if (a.pipe().decls().isEmpty()) {
        write(a, printable(v));
      }
    } else if (node instanceof Node.If n) {
      ifOrWith(dot, n.pipe(), n.list(), n.elseList(), false);
    } else if (node instanceof Node.With n) {
      ifOrWith(dot, n.pipe(), n.list(), n.elseList(), true);
    } else if (node instanceof Node.Range r) {
      range(dot, r);
    } else if (node instanceof Node.TemplateCall t) {
      Object newDot = t.pipe() == null ? null : evalPipeline(dot, t.pipe());
      callTemplate(t.pos(), t.name(), newDot);
    } else if (node instanceof Node.Break) {
      throw new BreakSignal();
    } else if (node instanceof Node.Continue) {
      throw new ContinueSignal();
    } else {
      throw error(node, "unknown node: " + node);
    }
  }

  private void callTemplate(int pos, String templateName, Object dot) {
    ListNode body = template.defined().get(templateName);
    Node at = new Node.Text(Math.max(pos, 0), "{{template " + GoFmt.value(templateName) + "}}");
    if (body == null) {
      throw error(
          pos < 0 ? null : at,
          "template " + io.vmrules.template.gofmt.GoQuote.quote(templateName) + " not defined");
    }
    if (depth >= limits.maxTemplateDepth()) {
      throw error(
          pos < 0 ? null : at,
          "exceeded maximum template depth (" + limits.maxTemplateDepth() + ")");
    }
    List<Var> savedVars = vars;
    String savedName = current;
    vars = new ArrayList<>();
    push("$", dot);
    depth++;
    current = templateName;
    try {
      walk(dot, body);
    } finally {
      depth--;
      vars = savedVars;
      current = savedName;
    }
  }

  /** What {@code {{x}}} prints: {@code <no value>} for nil, a struct without its pointer mark. */
  private static String printable(Object v) {
    if (v == null) {
      return "<no value>";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof GoStruct s && s.printedAsPointer()) {
      return GoFmt.sprint(List.of(new Deref(s)));
    }
    return GoFmt.sprint(List.of(v));
  }

  /** A pointer struct seen through its pointer. */
  private record Deref(GoStruct s) implements GoStruct {
    @Override
    public String goTypeName() {
      return s.goTypeName().startsWith("*") ? s.goTypeName().substring(1) : s.goTypeName();
    }

    @Override
    public Optional<Object> field(String n) {
      return s.field(n);
    }

    @Override
    public List<Object> printedFields() {
      return s.printedFields();
    }
  }

  private void ifOrWith(Object dot, Pipe pipe, ListNode list, ListNode elseList, boolean with) {
    int mark = mark();
    try {
      Object v = evalPipeline(dot, pipe);
      if (GoValues.isTrue(v)) {
        walk(with ? v : dot, list);
      } else if (elseList != null) {
        walk(dot, elseList);
      }
    } finally {
      pop(mark);
    }
  }

  private void range(Object dot, Node.Range r) {
    int mark = mark();
    try {
      Object val = evalPipeline(dot, r.pipe());
      int iterMark = mark();
      List<Object[]> items = new ArrayList<>();
      if (val instanceof List<?> l) {
        for (int i = 0; i < l.size(); i++) {
          items.add(new Object[] {(long) i, GoValues.normalize(l.get(i))});
        }
      } else if (val instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
          items.add(new Object[] {e.getKey(), GoValues.normalize(e.getValue())});
        }
      } else if (val instanceof Long n) {
        if (r.pipe().decls().size() > 1) {
          throw error(r, "can't use " + n + " to iterate over more than one variable");
        }
        // Go 1.22: range over an int counts from 0; bounded by the iteration limit below.
        for (long i = 0; i < n; i++) {
          if (iterations + items.size() >= limits.maxRangeIterations()) {
            items.add(new Object[] {i, i});
            break;
          }
          items.add(new Object[] {i, i});
        }
      } else if (val != null) {
        throw error(r, "range can't iterate over " + GoFmt.value(val));
      }
      for (Object[] item : items) {
        if (++iterations > limits.maxRangeIterations()) {
          throw error(r, "range iterations exceed the limit of " + limits.maxRangeIterations());
        }
        List<Variable> decls = r.pipe().decls();
        if (!decls.isEmpty()) {
          if (r.pipe().isAssign()) {
            if (decls.size() > 1) {
              setVar(r, decls.get(0).name(), item[0]);
              setVar(r, decls.get(1).name(), item[1]);
            } else {
              setVar(r, decls.get(0).name(), item[1]);
            }
          } else {
            setTopVar(1, item[1]);
            if (decls.size() > 1) {
              setTopVar(2, item[0]);
            }
          }
        }
        try {
          walk(item[1], r.list());
        } catch (ContinueSignal c) {
          // next iteration
        } catch (BreakSignal b) {
          break;
        } finally {
          pop(iterMark);
        }
      }
      if (items.isEmpty() && r.elseList() != null) {
        walk(dot, r.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  // ---- pipelines and commands

  private Object evalPipeline(Object dot, Pipe pipe) {
    Object value = MISSING;
    for (Command cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value);
    }
    if (value == MISSING) {
      value = null;
    }
    for (Variable v : pipe.decls()) {
      if (pipe.isAssign()) {
        setVar(v, v.name(), value);
      } else {
        push(v.name(), value);
      }
    }
    return value;
  }

  private Object evalCommand(Object dot, Command cmd, Object fin) {
    Node first = cmd.args().get(0);
    if (first instanceof Field f) {
      return evalFieldChain(dot, dot, f, f.idents(), cmd.args(), fin);
    }
    if (first instanceof Chain c) {
      return evalChain(dot, c, cmd.args(), fin);
    }
    if (first instanceof Identifier id) {
      return evalFunction(dot, id, cmd.args(), fin);
    }
    if (first instanceof Pipe p) {
      notAFunction(cmd.args(), fin);
      return evalPipeline(dot, p);
    }
    if (first instanceof Variable v) {
      return evalVariable(dot, v, cmd.args(), fin);
    }
    notAFunction(cmd.args(), fin);
    if (first instanceof Nil) {
      throw error(first, "nil is not a command");
    }
    return evalArg(dot, first);
  }

  private void notAFunction(List<Node> args, Object fin) {
    if (args.size() > 1 || fin != MISSING) {
      throw error(args.get(0), "can't give argument to non-function " + args.get(0));
    }
  }

  private Object idealConstant(Node.Number n) {
    if (n.floatSyntax() || n.intValue() == null) {
      if (n.floatValue() == null) {
        throw error(n, n.text() + " overflows int");
      }
      return n.floatValue();
    }
    return n.intValue();
  }

  private Object evalChain(Object dot, Chain c, List<Node> args, Object fin) {
    if (c.node() instanceof Nil) {
      throw error(c, "indirection through explicit nil in " + c);
    }
    Object receiver = evalArg(dot, c.node());
    return evalFieldChain(dot, receiver, c, c.fields(), args, fin);
  }

  private Object evalVariable(Object dot, Variable v, List<Node> args, Object fin) {
    Object value = varValue(v, v.name());
    if (v.idents().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.idents().subList(1, v.idents().size()), args, fin);
  }

  private Object evalFieldChain(
      Object dot, Object receiver, Node node, List<String> idents, List<Node> args, Object fin) {
    int n = idents.size();
    for (int i = 0; i < n - 1; i++) {
      receiver = evalField(dot, idents.get(i), node, List.of(), MISSING, receiver);
    }
    return evalField(dot, idents.get(n - 1), node, args, fin, receiver);
  }

  private Object evalField(
      Object dot, String field, Node node, List<Node> args, Object fin, Object receiver) {
    boolean hasArgs = args.size() > 1 || fin != MISSING;
    if (receiver == null) {
      return null; // missingkey=zero: a field of nothing is nothing
    }
    Optional<Methods.Method> method = Methods.find(receiver, field);
    if (method.isPresent()) {
      List<Object> values = new ArrayList<>();
      for (Node a : args.subList(Math.min(1, args.size()), args.size())) {
        values.add(evalArg(dot, a));
      }
      if (fin != MISSING) {
        values.add(fin);
      }
      Methods.Method m = method.get();
      if (values.size() != m.arity()) {
        throw error(
            node,
            "wrong number of args for " + field + ": want " + m.arity() + " got " + values.size());
      }
      try {
        return checkedResult(node, m.call(values));
      } catch (FunctionException e) {
        throw error(node, "error calling " + field + ": " + e.getMessage());
      }
    }
    if (receiver instanceof GoStruct s) {
      Optional<Object> v = s.field(field);
      if (v.isPresent()) {
        if (hasArgs) {
          throw error(node, field + " has arguments but cannot be invoked as function");
        }
        return GoValues.normalize(v.get());
      }
      throw error(node, "can't evaluate field " + field + " in type " + s.goTypeName());
    }
    if (receiver instanceof Map<?, ?> m) {
      if (hasArgs) {
        throw error(node, field + " is not a method but has arguments");
      }
      Object v = m.get(field);
      if (v == null) {
        return m instanceof AnyMap ? null : "";
      }
      return GoValues.normalize(v);
    }
    throw error(node, "can't evaluate field " + field + " in type " + GoValues.typeName(receiver));
  }

  private Object evalFunction(Object dot, Identifier id, List<Node> args, Object fin) {
    TemplateFunction fn =
        functions
            .function(id.name())
            .orElseThrow(() -> error(id, "\"" + id.name() + "\" is not a defined function"));
    List<Node> argNodes = args.subList(1, args.size());
    int count = argNodes.size() + (fin != MISSING ? 1 : 0);
    String arity = fn.arityProblem(count);
    if (arity != null) {
      throw error(id, arity);
    }
    if (id.name().equals("and") || id.name().equals("or")) {
      return andOr(dot, id.name().equals("and"), argNodes, fin);
    }
    List<Object> values = new ArrayList<>(count);
    for (Node a : argNodes) {
      values.add(evalArg(dot, a));
    }
    if (fin != MISSING) {
      values.add(fin);
    }
    Object result;
    try {
      result = fn.body().call(this, values);
    } catch (FunctionException e) {
      throw error(id, "error calling " + id.name() + ": " + e.getMessage());
    }
    return checkedResult(id, GoValues.normalize(result));
  }

  private Object checkedResult(Node at, Object result) {
    if (result instanceof String s && s.length() > limits.maxOutputChars()) {
      throw error(
          at, "a value exceeds the output limit of " + limits.maxOutputChars() + " characters");
    }
    return result;
  }

  /** Go 1.18+: arguments are evaluated only until the result is known. */
  private Object andOr(Object dot, boolean and, List<Node> argNodes, Object fin) {
    Object v = null;
    int n = argNodes.size() + (fin != MISSING ? 1 : 0);
    for (int i = 0; i < n; i++) {
      v = i < argNodes.size() ? evalArg(dot, argNodes.get(i)) : fin;
      if (GoValues.isTrue(v) != and) {
        return v;
      }
    }
    return v;
  }

  private Object evalArg(Object dot, Node n) {
    if (n instanceof Dot) {
      return dot;
    }
    if (n instanceof Nil) {
      return null;
    }
    if (n instanceof Field f) {
      return evalFieldChain(dot, dot, f, f.idents(), List.of(n), MISSING);
    }
    if (n instanceof Variable v) {
      return evalVariable(dot, v, List.of(n), MISSING);
    }
    if (n instanceof Pipe p) {
      return evalPipeline(dot, p);
    }
    if (n instanceof Identifier id) {
      return evalFunction(dot, id, List.of(n), MISSING);
    }
    if (n instanceof Chain c) {
      return evalChain(dot, c, List.of(n), MISSING);
    }
    if (n instanceof Bool b) {
      return b.value();
    }
    if (n instanceof Node.Number num) {
      return idealConstant(num);
    }
    if (n instanceof StringLit s) {
      return s.value();
    }
    throw error(n, "can't handle " + n + " as an argument");
  }

  /** Methods of the Go values templates see: {@code time.Time} and {@code time.Duration}. */
  static final class Methods {
    private Methods() {}

    record Method(int arity, java.util.function.Function<List<Object>, Object> body) {
      Object call(List<Object> args) {
        return body.apply(args);
      }
    }

    static Optional<Method> find(Object receiver, String name) {
      if (receiver instanceof GoTime t) {
        return time(t, name);
      }
      if (receiver instanceof GoDuration d) {
        return duration(d, name);
      }
      return Optional.empty();
    }

    private static Optional<Method> time(GoTime t, String name) {
      java.time.OffsetDateTime d = t.instant().atOffset(t.offset());
      return Optional.ofNullable(
          switch (name) {
            case "Unix" -> new Method(0, a -> t.instant().getEpochSecond());
            case "UnixMilli" -> new Method(0, a -> t.instant().toEpochMilli());
            case "UnixNano" ->
                new Method(
                    0, a -> t.instant().getEpochSecond() * 1_000_000_000L + t.instant().getNano());
            case "UTC" -> new Method(0, a -> GoTime.utc(t.instant()));
            case "String" -> new Method(0, a -> t.toString());
            case "Format" ->
                new Method(
                    1,
                    a -> {
                      if (!(a.get(0) instanceof String layout)) {
                        throw new FunctionException(
                            "wrong type for value; expected string; got "
                                + GoValues.typeName(a.get(0)));
                      }
                      return t.format(layout);
                    });
            case "Year" -> new Method(0, a -> (long) d.getYear());
            case "YearDay" -> new Method(0, a -> (long) d.getDayOfYear());
            case "Day" -> new Method(0, a -> (long) d.getDayOfMonth());
            case "Hour" -> new Method(0, a -> (long) d.getHour());
            case "Minute" -> new Method(0, a -> (long) d.getMinute());
            case "Second" -> new Method(0, a -> (long) d.getSecond());
            case "Nanosecond" -> new Method(0, a -> (long) d.getNano());
            case "Month" -> new Method(0, a -> t.format("January"));
            case "Weekday" -> new Method(0, a -> t.format("Monday"));
            case "IsZero" ->
                new Method(
                    0, a -> t.instant().equals(java.time.Instant.parse("0001-01-01T00:00:00Z")));
            case "Add" ->
                new Method(
                    1,
                    a -> {
                      if (!(a.get(0) instanceof GoDuration dur)) {
                        throw new FunctionException(
                            "wrong type for value; expected time.Duration; got "
                                + GoValues.typeName(a.get(0)));
                      }
                      return new GoTime(t.instant().plusNanos(dur.nanos()), t.offset());
                    });
            case "Sub" ->
                new Method(
                    1,
                    a -> {
                      if (!(a.get(0) instanceof GoTime other)) {
                        throw new FunctionException(
                            "wrong type for value; expected time.Time; got "
                                + GoValues.typeName(a.get(0)));
                      }
                      return new GoDuration(
                          java.time.Duration.between(other.instant(), t.instant()).toNanos());
                    });
            default -> null;
          });
    }

    private static Optional<Method> duration(GoDuration d, String name) {
      return Optional.ofNullable(
          switch (name) {
            case "Seconds" -> new Method(0, a -> d.nanos() / 1e9);
            case "Minutes" -> new Method(0, a -> d.nanos() / 6e10);
            case "Hours" -> new Method(0, a -> d.nanos() / 3.6e12);
            case "Milliseconds" -> new Method(0, a -> d.nanos() / 1_000_000);
            case "Microseconds" -> new Method(0, a -> d.nanos() / 1_000);
            case "Nanoseconds" -> new Method(0, a -> d.nanos());
            case "String" -> new Method(0, a -> d.toString());
            default -> null;
          });
    }
  }
}
