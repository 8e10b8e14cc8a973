package io.vmrules.template.parse;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The parse tree of a template, as in Go's {@code text/template/parse}. Every node knows the offset
 * in the template text where it starts. Immutable.
 */
public sealed interface Node {
  int pos();

  /** A sequence of nodes: a template body or a branch. */
  record ListNode(int pos, List<Node> nodes) implements Node {
    public ListNode {
      nodes = List.copyOf(nodes);
    }
  }

  record Text(int pos, String text) implements Node {}

  /** {@code {{pipeline}}}: evaluated and, unless it declares variables, printed. */
  record Action(int pos, Pipe pipe) implements Node {}

  record If(int pos, Pipe pipe, ListNode list, ListNode elseList) implements Node {}

  record With(int pos, Pipe pipe, ListNode list, ListNode elseList) implements Node {}

  record Range(int pos, Pipe pipe, ListNode list, ListNode elseList) implements Node {}

  /** {@code {{template "name" pipeline}}}; {@code pipe} is null without a pipeline. */
  record TemplateCall(int pos, String name, Pipe pipe) implements Node {}

  record Break(int pos) implements Node {}

  record Continue(int pos) implements Node {}

  /**
   * Commands joined by {@code |}, optionally declaring ({@code :=}) or assigning ({@code =})
   * variables.
   */
  record Pipe(int pos, boolean isAssign, List<Variable> decls, List<Command> cmds) implements Node {
    public Pipe {
      decls = List.copyOf(decls);
      cmds = List.copyOf(cmds);
    }

    @Override
    public String toString() {
      String d =
          decls.isEmpty()
              ? ""
              : decls.stream().map(Variable::toString).collect(Collectors.joining(", "))
                  + (isAssign ? " = " : " := ");
      return d + cmds.stream().map(Command::toString).collect(Collectors.joining(" | "));
    }
  }

  /** One pipeline stage: an operand, or a function or method with arguments. */
  record Command(int pos, List<Node> args) implements Node {
    public Command {
      args = List.copyOf(args);
    }

    @Override
    public String toString() {
      return args.stream()
          .map(a -> a instanceof Pipe p ? "(" + p + ")" : a.toString())
          .collect(Collectors.joining(" "));
    }
  }

  /** {@code .A.B}. */
  record Field(int pos, List<String> idents) implements Node {
    public Field {
      idents = List.copyOf(idents);
    }

    @Override
    public String toString() {
      return "." + String.join(".", idents);
    }
  }

  /** {@code $x.A.B}; {@code idents.get(0)} is the variable name with its {@code $}. */
  record Variable(int pos, List<String> idents) implements Node {
    public Variable {
      idents = List.copyOf(idents);
    }

    public String name() {
      return idents.get(0);
    }

    @Override
    public String toString() {
      return String.join(".", idents);
    }
  }

  /** {@code (pipeline).A.B} or {@code func.A}. */
  record Chain(int pos, Node node, List<String> fields) implements Node {
    public Chain {
      fields = List.copyOf(fields);
    }

    @Override
    public String toString() {
      String base = node instanceof Pipe p ? "(" + p + ")" : node.toString();
      return base + "." + String.join(".", fields);
    }
  }

  /** A function name. */
  record Identifier(int pos, String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  record Dot(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  record Nil(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  record Bool(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A number constant. {@code intValue} is set when it is an integer, {@code floatValue} when it is
   * representable as a float; {@code floatSyntax} when written with a point or exponent, which
   * makes an untyped use a {@code float64} rather than an {@code int}.
   */
  record Number(int pos, String text, Long intValue, Double floatValue, boolean floatSyntax)
      implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  record StringLit(int pos, String quoted, String value) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }
}
