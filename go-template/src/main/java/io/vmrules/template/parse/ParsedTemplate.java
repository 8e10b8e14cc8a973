package io.vmrules.template.parse;

import java.util.List;
import java.util.Map;

/**
 * The result of a parse: the main body, the templates it defines ({@code define} and {@code
 * block}), and the problems found. With a syntax problem, {@code body} is empty.
 */
public record ParsedTemplate(
    Node.ListNode body, Map<String, Node.ListNode> defined, List<ParseProblem> problems) {
  public ParsedTemplate {
    defined = Map.copyOf(defined);
    problems = List.copyOf(problems);
  }
}
