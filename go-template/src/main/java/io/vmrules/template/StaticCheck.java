package io.vmrules.template;

import io.vmrules.template.parse.Node;
import io.vmrules.template.parse.Node.Chain;
import io.vmrules.template.parse.Node.Command;
import io.vmrules.template.parse.Node.Field;
import io.vmrules.template.parse.Node.Identifier;
import io.vmrules.template.parse.Node.ListNode;
import io.vmrules.template.parse.Node.Pipe;
import io.vmrules.template.parse.Node.StringLit;
import io.vmrules.template.parse.Node.Variable;
import io.vmrules.template.parse.ParsedTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks Go only does while executing (argument counts, called templates exist) and gathers the
 * facts lints need. {@code rootDot} tracks whether {@code .} is still the alert data: inside {@code
 * with} and {@code range} it is something else.
 */
final class StaticCheck {
  record Problem(String code, int offset, String message) {}

  private final ParsedTemplate parsed;
  private final FunctionSet functions;
  private final List<Problem> problems = new ArrayList<>();
  private final List<Integer> valueOffsets = new ArrayList<>();
  private final List<TemplateFacts.LabelRef> labelRefs = new ArrayList<>();

  StaticCheck(ParsedTemplate parsed, FunctionSet functions) {
    this.parsed = parsed;
    this.functions = functions;
    walk(parsed.body(), true, true);
    for (Map.Entry<String, ListNode> e : parsed.defined().entrySet()) {
      walk(e.getValue(), false, false);
    }
  }

  List<Problem> problems() {
    return problems;
  }

  TemplateFacts facts() {
    return new TemplateFacts(valueOffsets, labelRefs);
  }

  private void walk(Node n, boolean rootDot, boolean main) {
    if (n == null) {
      return;
    }
    if (n instanceof ListNode l) {
      for (Node c : l.nodes()) {
        walk(c, rootDot, main);
      }
    } else if (n instanceof Node.Action a) {
      pipe(a.pipe(), rootDot, main);
    } else if (n instanceof Node.If i) {
      pipe(i.pipe(), rootDot, main);
      walk(i.list(), rootDot, main);
      walk(i.elseList(), rootDot, main);
    } else if (n instanceof Node.With w) {
      pipe(w.pipe(), rootDot, main);
      walk(w.list(), false, main);
      walk(w.elseList(), rootDot, main);
    } else if (n instanceof Node.Range r) {
      pipe(r.pipe(), rootDot, main);
      walk(r.list(), false, main);
      walk(r.elseList(), rootDot, main);
    } else if (n instanceof Node.TemplateCall t) {
      if (t.pipe() != null) {
        pipe(t.pipe(), rootDot, main);
      }
      if (!parsed.defined().containsKey(t.name())) {
        problems.add(
            new Problem(
                TemplateError.UNDEFINED_TEMPLATE,
                t.pos(),
                "template \"" + t.name() + "\" not defined"));
      }
    }
  }

  private void pipe(Pipe p, boolean rootDot, boolean main) {
    for (int i = 0; i < p.cmds().size(); i++) {
      Command c = p.cmds().get(i);
      Node first = c.args().get(0);
      if (first instanceof Identifier id) {
        arity(id, c.args().size() - 1 + (i > 0 ? 1 : 0));
        labelIndex(id, c.args(), rootDot, main);
      }
      for (int k = 0; k < c.args().size(); k++) {
        Node arg = c.args().get(k);
        if (k > 0 && arg instanceof Identifier id) {
          arity(id, 0); // a function as an argument is called without arguments
        }
        operand(arg, rootDot, main);
      }
    }
  }

  private void operand(Node arg, boolean rootDot, boolean main) {
    if (arg instanceof Pipe p) {
      pipe(p, rootDot, main);
    } else if (arg instanceof Chain ch && ch.node() instanceof Pipe p) {
      pipe(p, rootDot, main);
    } else if (arg instanceof Variable v && main) {
      List<String> ids = v.idents();
      if (ids.get(0).equals("$value")) {
        valueOffsets.add(v.pos());
      } else if (ids.get(0).equals("$labels") && ids.size() > 1) {
        labelRefs.add(new TemplateFacts.LabelRef(ids.get(1), v.pos()));
      } else if (ids.get(0).equals("$") && ids.size() > 1) {
        rootField(ids.subList(1, ids.size()), v.pos());
      }
    } else if (arg instanceof Field f && rootDot && main) {
      rootField(f.idents(), f.pos());
    }
  }

  private void rootField(List<String> idents, int pos) {
    if (idents.get(0).equals("Value")) {
      valueOffsets.add(pos);
    } else if (idents.get(0).equals("Labels") && idents.size() > 1) {
      labelRefs.add(new TemplateFacts.LabelRef(idents.get(1), pos));
    }
  }

  /** {@code index $labels "x"} and {@code index .Labels "x"} read label x. */
  private void labelIndex(Identifier id, List<Node> args, boolean rootDot, boolean main) {
    if (!main
        || !id.name().equals("index")
        || args.size() < 3
        || !(args.get(2) instanceof StringLit key)) {
      return;
    }
    Node target = args.get(1);
    boolean labels =
        (target instanceof Variable v && v.idents().equals(List.of("$labels")))
            || (rootDot && target instanceof Field f && f.idents().equals(List.of("Labels")));
    if (labels) {
      labelRefs.add(new TemplateFacts.LabelRef(key.value(), key.pos()));
    }
  }

  private void arity(Identifier id, int n) {
    functions
        .function(id.name())
        .ifPresent(
            f -> {
              String problem = f.arityProblem(n);
              if (problem != null) {
                problems.add(new Problem(TemplateError.ARITY, id.pos(), problem));
              }
            });
  }
}
