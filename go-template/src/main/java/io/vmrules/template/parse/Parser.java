package io.vmrules.template.parse;

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
import io.vmrules.template.parse.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A recursive-descent parser with Go's {@code text/template} grammar and checks: functions must
 * exist, variables must be declared in scope, {@code break}/{@code continue} only inside {@code
 * range}. The first syntax error stops the parse (as in Go); unknown functions and undefined
 * variables are collected so a validator can report all of them.
 */
public final class Parser {
  /** Thrown internally to stop at a syntax error. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  private final List<Token> tokens;
  private final Predicate<String> isFunction;
  private final List<ParseProblem> problems = new ArrayList<>();
  private final Map<String, ListNode> defined = new LinkedHashMap<>();
  private List<String> vars = new ArrayList<>();
  private int index;
  private int rangeDepth;

  private Parser(String text, Predicate<String> isFunction) {
    this.tokens = Lexer.lex(text);
    this.isFunction = isFunction;
  }

  /**
   * Parses {@code text}. {@code predeclared} variables (with their {@code $}) are visible in the
   * main body only, as the header Prometheus prepends to alert templates makes them.
   */
  public static ParsedTemplate parse(
      String text, Predicate<String> isFunction, Collection<String> predeclared) {
    Parser p = new Parser(text, isFunction);
    p.vars.add("$");
    p.vars.addAll(predeclared);
    ListNode body;
    try {
      body = p.parseMain();
    } catch (Stop stop) {
      return new ParsedTemplate(new ListNode(0, List.of()), Map.of(), p.problems);
    }
    return new ParsedTemplate(body, p.defined, p.problems);
  }

  // ---- token stream

  private Token get(int i) {
    return tokens.get(Math.min(i, tokens.size() - 1));
  }

  private Token next() {
    Token t = get(index++);
    if (t.kind() == Kind.ERROR) {
      throw error(t.pos(), t.val());
    }
    return t;
  }

  private Token peek() {
    Token t = get(index);
    if (t.kind() == Kind.ERROR) {
      throw error(t.pos(), t.val());
    }
    return t;
  }

  private void backup() {
    index--;
  }

  private Token nextNonSpace() {
    Token t;
    do {
      t = next();
    } while (t.kind() == Kind.SPACE);
    return t;
  }

  private Token peekNonSpace() {
    Token t = nextNonSpace();
    backup();
    return t;
  }

  private Stop error(int pos, String message) {
    problems.add(new ParseProblem(ParseProblem.Kind.SYNTAX, pos, message));
    return new Stop();
  }

  private Stop unexpected(Token t, String context) {
    if (t.kind() == Kind.ERROR) {
      return error(t.pos(), t.val());
    }
    return error(t.pos(), "unexpected " + t.describe() + " in " + context);
  }

  private Token expect(Kind kind, String context) {
    Token t = nextNonSpace();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return t;
  }

  // ---- structure

  private ListNode parseMain() {
    List<Node> nodes = new ArrayList<>();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM) {
        int mark = index;
        next();
        if (nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        index = mark;
      }
      Node n = textOrAction();
      if (n != null) {
        nodes.add(n);
      }
    }
    return new ListNode(0, nodes);
  }

  private void parseDefinition() {
    Token name = nextNonSpace();
    String templateName = templateName(name, "define clause");
    expect(Kind.RIGHT_DELIM, "define clause");
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    Body body = itemList();
    vars = saved;
    if (!(body.end instanceof EndMarker)) {
      throw error(body.end.pos(), "unexpected {{else}} in define clause");
    }
    addDefinition(name.pos(), templateName, body.list);
  }

  private void addDefinition(int pos, String name, ListNode list) {
    ListNode old = defined.get(name);
    // Go lets an empty definition be replaced and ignores an empty redefinition.
    if (old != null && !isEmpty(old) && !isEmpty(list)) {
      throw error(pos, "template: multiple definition of template \"" + name + "\"");
    }
    if (old == null || isEmpty(old)) {
      defined.put(name, list);
    }
  }

  private static boolean isEmpty(ListNode l) {
    for (Node n : l.nodes()) {
      if (!(n instanceof Node.Text t) || !t.text().isBlank()) {
        return false;
      }
    }
    return true;
  }

  private String templateName(Token t, String context) {
    if (t.kind() == Kind.STRING || t.kind() == Kind.RAW_STRING) {
      return unquote(t);
    }
    throw unexpected(t, context);
  }

  /** {@code {{end}}} and {@code {{else}}} while parsing; never part of the tree. */
  private record EndMarker(int pos) implements Marker {}

  private record ElseMarker(int pos) implements Marker {}

  private sealed interface Marker permits EndMarker, ElseMarker {
    int pos();
  }

  private record Body(ListNode list, Marker end) {}

  /** Parses nodes up to an {@code {{end}}} or {@code {{else}}}. */
  private Body itemList() {
    int start = peekNonSpace().pos();
    List<Node> nodes = new ArrayList<>();
    while (peekNonSpace().kind() != Kind.EOF) {
      Object n = textOrActionOrMarker();
      if (n instanceof Marker m) {
        return new Body(new ListNode(start, nodes), m);
      }
      if (n != null) {
        nodes.add((Node) n);
      }
    }
    throw error(peek().pos(), "unexpected EOF");
  }

  private Node textOrAction() {
    Object n = textOrActionOrMarker();
    if (n instanceof Marker m) {
      throw error(m.pos(), "unexpected {{" + (m instanceof EndMarker ? "end" : "else") + "}}");
    }
    return (Node) n;
  }

  // Markers are returned as Objects so that the tree types stay closed.
  private Object textOrActionOrMarker() {
    Token t = nextNonSpace();
    return switch (t.kind()) {
      case TEXT -> new Node.Text(t.pos(), t.val());
      case LEFT_DELIM -> action();
      default -> throw unexpected(t, "input");
    };
  }

  private Object action() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case BLOCK:
        return blockControl(t);
      case BREAK:
        return breakOrContinue(t, true);
      case CONTINUE:
        return breakOrContinue(t, false);
      case ELSE:
        return elseControl(t);
      case END:
        expect(Kind.RIGHT_DELIM, "end");
        return new EndMarker(t.pos());
      case IF:
        return control(t, "if");
      case RANGE:
        return control(t, "range");
      case TEMPLATE:
        return templateControl(t);
      case WITH:
        return control(t, "with");
      default:
        break;
    }
    backup();
    Token first = peek();
    return new Node.Action(first.pos(), pipeline("command", Kind.RIGHT_DELIM));
  }

  private Node breakOrContinue(Token t, boolean isBreak) {
    String word = isBreak ? "break" : "continue";
    Token close = nextNonSpace();
    if (close.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(close, "{{" + word + "}}");
    }
    if (rangeDepth == 0) {
      throw error(t.pos(), "{{" + word + "}} outside {{range}}");
    }
    return isBreak ? new Node.Break(t.pos()) : new Node.Continue(t.pos());
  }

  private Marker elseControl(Token t) {
    Token p = peekNonSpace();
    if (p.kind() == Kind.IF || p.kind() == Kind.WITH) {
      return new ElseMarker(p.pos());
    }
    expect(Kind.RIGHT_DELIM, "else");
    return new ElseMarker(t.pos());
  }

  private Node control(Token t, String context) {
    int mark = vars.size();
    try {
      Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
      if (context.equals("range")) {
        rangeDepth++;
      }
      Body body = itemList();
      if (context.equals("range")) {
        rangeDepth--;
      }
      ListNode elseList = null;
      if (body.end instanceof ElseMarker em) {
        Token p = peek();
        if ((context.equals("if") && p.kind() == Kind.IF)
            || (context.equals("with") && p.kind() == Kind.WITH)) {
          Token kw = next();
          elseList = new ListNode(em.pos(), List.of(control(kw, context)));
        } else {
          Body elseBody = itemList();
          if (!(elseBody.end instanceof EndMarker)) {
            throw error(elseBody.end.pos(), "expected end; found {{else}}");
          }
          elseList = elseBody.list;
        }
      }
      return switch (context) {
        case "if" -> new Node.If(t.pos(), pipe, body.list, elseList);
        case "with" -> new Node.With(t.pos(), pipe, body.list, elseList);
        default -> new Node.Range(t.pos(), pipe, body.list, elseList);
      };
    } finally {
      while (vars.size() > mark) {
        vars.remove(vars.size() - 1);
      }
    }
  }

  private Node templateControl(Token t) {
    String context = "template clause";
    String name = templateName(nextNonSpace(), context);
    Pipe pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      backup();
      pipe = pipeline(context, Kind.RIGHT_DELIM);
    }
    return new Node.TemplateCall(t.pos(), name, pipe);
  }

  private Node blockControl(Token t) {
    String context = "block clause";
    Token nameToken = nextNonSpace();
    String name = templateName(nameToken, context);
    Pipe pipe = pipeline(context, Kind.RIGHT_DELIM);
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    int savedRange = rangeDepth;
    rangeDepth = 0;
    Body body = itemList();
    vars = saved;
    rangeDepth = savedRange;
    if (!(body.end instanceof EndMarker)) {
      throw error(body.end.pos(), "unexpected {{else}} in block clause");
    }
    addDefinition(nameToken.pos(), name, body.list);
    return new Node.TemplateCall(t.pos(), name, pipe);
  }

  // ---- pipelines

  private Pipe pipeline(String context, Kind end) {
    Token first = peekNonSpace();
    int pos = first.pos();
    List<Variable> decls = new ArrayList<>();
    boolean isAssign = false;
    decls:
    while (true) {
      Token v = peekNonSpace();
      if (v.kind() != Kind.VARIABLE) {
        break;
      }
      int mark = index;
      nextNonSpace();
      Token after = peek();
      Token n = peekNonSpace();
      if (n.kind() == Kind.ASSIGN || n.kind() == Kind.DECLARE) {
        isAssign = n.kind() == Kind.ASSIGN;
        nextNonSpace();
        if (isAssign && !vars.contains(v.val())) {
          undefinedVariable(v);
        }
        decls.add(new Variable(v.pos(), List.of(v.val())));
        vars.add(v.val());
        break;
      } else if (n.kind() == Kind.CHAR && n.val().equals(",")) {
        nextNonSpace();
        decls.add(new Variable(v.pos(), List.of(v.val())));
        vars.add(v.val());
        if (context.equals("range") && decls.size() < 2) {
          Kind k = peekNonSpace().kind();
          if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
            continue decls;
          }
          throw error(peekNonSpace().pos(), "range can only initialize variables");
        }
        throw error(n.pos(), "too many declarations in " + context);
      } else {
        index = mark;
        break;
      }
    }
    List<Command> cmds = new ArrayList<>();
    while (true) {
      Token t = nextNonSpace();
      if (t.kind() == end) {
        if (cmds.isEmpty()) {
          throw error(t.pos(), "missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
          Node a = cmds.get(i).args().get(0);
          if (a instanceof Bool
              || a instanceof Dot
              || a instanceof Nil
              || a instanceof Node.Number
              || a instanceof StringLit) {
            throw error(a.pos(), "non executable command in pipeline stage " + (i + 1));
          }
        }
        return new Pipe(pos, isAssign, decls, cmds);
      }
      switch (t.kind()) {
        case BOOL,
            CHAR_CONSTANT,
            DOT,
            FIELD,
            IDENTIFIER,
            NUMBER,
            NIL,
            RAW_STRING,
            STRING,
            VARIABLE,
            LEFT_PAREN -> {
          backup();
          cmds.add(command());
        }
        default -> throw unexpected(t, context);
      }
    }
  }

  private void undefinedVariable(Token v) {
    problems.add(
        new ParseProblem(
            ParseProblem.Kind.UNDEFINED_VARIABLE,
            v.pos(),
            "undefined variable \"" + v.val() + "\""));
  }

  private Command command() {
    int pos = peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Token t = next();
      switch (t.kind()) {
        case SPACE:
          continue;
        case RIGHT_DELIM, RIGHT_PAREN:
          backup();
          break;
        case PIPE:
          break;
        default:
          throw unexpected(t, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error(pos, "empty command");
    }
    return new Command(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().kind() == Kind.FIELD) {
      int pos = peek().pos();
      List<String> fields = new ArrayList<>();
      while (peek().kind() == Kind.FIELD) {
        fields.add(next().val().substring(1));
      }
      if (node instanceof Field f) {
        List<String> all = new ArrayList<>(f.idents());
        all.addAll(fields);
        return new Field(f.pos(), all);
      }
      if (node instanceof Variable v) {
        List<String> all = new ArrayList<>(v.idents());
        all.addAll(fields);
        return new Variable(v.pos(), all);
      }
      if (node instanceof Bool
          || node instanceof StringLit
          || node instanceof Node.Number
          || node instanceof Nil
          || node instanceof Dot) {
        throw error(pos, "unexpected . after term \"" + node + "\"");
      }
      return new Chain(pos, node, fields);
    }
    return node;
  }

  private Node term() {
    Token t = nextNonSpace();
    switch (t.kind()) {
      case IDENTIFIER:
        if (!isFunction.test(t.val())) {
          problems.add(
              new ParseProblem(
                  ParseProblem.Kind.UNKNOWN_FUNCTION,
                  t.pos(),
                  "function \"" + t.val() + "\" not defined"));
        }
        return new Identifier(t.pos(), t.val());
      case DOT:
        return new Dot(t.pos());
      case NIL:
        return new Nil(t.pos());
      case VARIABLE:
        {
          String name = t.val();
          if (!vars.contains(name)) {
            undefinedVariable(t);
          }
          return new Variable(t.pos(), List.of(name));
        }
      case FIELD:
        return new Field(t.pos(), Arrays.asList(t.val().substring(1)));
      case BOOL:
        return new Bool(t.pos(), t.val().equals("true"));
      case NUMBER, CHAR_CONSTANT:
        return number(t);
      case LEFT_PAREN:
        return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
      case STRING, RAW_STRING:
        return new StringLit(t.pos(), t.val(), unquote(t));
      default:
        backup();
        return null;
    }
  }

  private Node.Number number(Token t) {
    String text = t.val();
    if (t.kind() == Kind.CHAR_CONSTANT) {
      String s = GoStrings.unquote(text, '\'');
      if (s == null || s.codePointCount(0, s.length()) != 1) {
        throw error(t.pos(), "malformed character constant: " + text);
      }
      long r = s.codePointAt(0);
      return new Node.Number(t.pos(), text, r, (double) r, false);
    }
    if (text.endsWith("i")) {
      throw error(t.pos(), "complex numbers are not supported: " + text);
    }
    String clean = text.replace("_", "");
    boolean negative = clean.startsWith("-");
    String unsigned = clean.startsWith("-") || clean.startsWith("+") ? clean.substring(1) : clean;
    Long intValue = null;
    Double floatValue = null;
    try {
      BigInteger big = null;
      String lower = unsigned.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("0x") && !lower.contains("p") && !lower.contains(".")) {
        big = new BigInteger(unsigned.substring(2), 16);
      } else if (lower.startsWith("0o")) {
        big = new BigInteger(unsigned.substring(2), 8);
      } else if (lower.startsWith("0b")) {
        big = new BigInteger(unsigned.substring(2), 2);
      } else if (lower.length() > 1
          && lower.startsWith("0")
          && lower.chars().allMatch(Character::isDigit)) {
        big = new BigInteger(unsigned.substring(1), 8);
      } else if (lower.chars().allMatch(Character::isDigit)) {
        big = new BigInteger(unsigned);
      }
      if (big != null) {
        if (negative) {
          big = big.negate();
        }
        if (big.bitLength() < 64) {
          intValue = big.longValue();
        }
        floatValue = big.doubleValue();
      } else {
        double f =
            lower.startsWith("0x")
                ? Double.parseDouble(clean + (lower.contains("p") ? "" : "p0"))
                : Double.parseDouble(clean);
        floatValue = f;
        if (!Double.isInfinite(f) && f == Math.rint(f) && Math.abs(f) < 9.2e18) {
          intValue = (long) f;
        }
      }
    } catch (NumberFormatException e) {
      throw error(t.pos(), "illegal number syntax: \"" + text + "\"");
    }
    if (intValue == null && floatValue == null) {
      throw error(t.pos(), "illegal number syntax: \"" + text + "\"");
    }
    boolean floatSyntax =
        (!unsigned.toLowerCase(java.util.Locale.ROOT).startsWith("0x")
                && (text.contains(".") || text.contains("e") || text.contains("E")))
            || unsigned.toLowerCase(java.util.Locale.ROOT).contains("p");
    return new Node.Number(t.pos(), text, intValue, floatValue, floatSyntax);
  }

  private String unquote(Token t) {
    String text = t.val();
    if (t.kind() == Kind.RAW_STRING) {
      return text.substring(1, text.length() - 1).replace("\r", "");
    }
    String s = GoStrings.unquote(text, '"');
    if (s == null) {
      throw error(t.pos(), "invalid syntax in string " + text);
    }
    return s;
  }
}
