// Parser for the union of PromQL and MetricsQL. Every alternative is labelled; no actions.
// Precedence is the order of the alternatives of `expr` (first binds tightest). Dialect rules,
// aggregation detection and literal decoding are the AST builder's job.
// Every element the AST builder reads has a label: it parses without building a parse tree
// (no child lists, no terminal nodes), and the labels are what the contexts keep.
parser grammar PromQLParser;

options { tokenVocab = PromQLLexer; }

query
    : body=expr EOF
    ;

expr
    : base=expr open=LEFT_BRACKET range=expr? (colon=COLON step=expr?)? close=RIGHT_BRACKET   # subscriptExpr
    | base=expr modifier=offsetModifier                                       # offsetExpr
    | base=expr modifier=atModifier                                           # atExpr
    // Prometheus' anchored/smoothed; any other name after an expression is the AST builder's error
    | base=expr rangeMod=IDENTIFIER                                           # rangeModifierExpr
    | <assoc=right> lhs=expr op=POW mod=matching rhs=expr                     # binaryExpr
    | sign=(ADD | SUB) operand=expr                                           # unaryExpr
    | lhs=expr op=(MUL | DIV | MOD | ATAN2) mod=matching rhs=expr             # binaryExpr
    | lhs=expr op=(ADD | SUB) mod=matching rhs=expr                           # binaryExpr
    | lhs=expr op=(EQLC | NEQ | LTE | GTE | LSS | GTR | TRIM_UPPER | TRIM_LOWER) mod=matching rhs=expr  # binaryExpr
    | lhs=expr op=(AND | UNLESS) mod=matching rhs=expr                        # binaryExpr
    | lhs=expr op=OR mod=matching rhs=expr                                    # binaryExpr
    | lhs=expr op=(IF | IFNOT) mod=matching rhs=expr                          # binaryExpr
    | lhs=expr op=DEFAULT mod=matching rhs=expr                               # binaryExpr
    // MetricsQL: a binary operation keeps its metric names (a / b keep_metric_names)
    | base=expr keep=KEEP_METRIC_NAMES                                        # keepExpr
    | value=primary                                                           # primaryExpr
    ;

// `bool`, `on`/`ignoring`, `group_left`/`group_right` and MetricsQL's `prefix`.
matching
    : boolMod=BOOL? (matchKind=(ON | IGNORING) labels=labelList group=groupModifier?)? fills+=fillModifier*
    ;

// Prometheus' fill(v), fill_left(v), fill_right(v); as in Prometheus, the words are modifiers only
// before '(' (FillKeyword), so "fill + fill" still reads two metrics.
fillModifier
    : {FillKeyword.at(_input)}? kind=IDENTIFIER LEFT_PAREN sign=(ADD | SUB)? value=(NUMBER | DURATION) RIGHT_PAREN
    ;

// A '(' after group_left/group_right always opens its label list, as in Prometheus: the one
// predicate of the grammar keeps ANTLR from reading it as the right operand instead.
groupModifier
    : groupKind=(GROUP_LEFT | GROUP_RIGHT) labels=labelList (prefixKw=PREFIX prefix=STRING)?
    | groupKind=(GROUP_LEFT | GROUP_RIGHT) {_input.LA(1) != LEFT_PAREN}? (prefixKw=PREFIX prefix=STRING)?
    ;

offsetModifier
    : OFFSET sign=(ADD | SUB)? value=durationValue
    ;

atModifier
    : AT sign=(ADD | SUB)? value=primary
    ;

// Prometheus also takes step(), range(), min_of(…) and max_of(…) bare after offset.
durationValue
    : dur=DURATION
    | num=NUMBER
    | fn=IDENTIFIER LEFT_PAREN args=argList? RIGHT_PAREN
    | id=IDENTIFIER
    | LEFT_PAREN inner=expr RIGHT_PAREN
    ;

primary
    : value=NUMBER                                                            # numberLiteral
    | value=DURATION                                                          # durationLiteral
    | value=STRING                                                            # stringLiteral
    // One alternative for (a) and MetricsQL's (a, b, …) unions: as two, telling them apart took
    // lookahead over the whole parenthesised expression, and ANTLR's prediction grew a new DFA
    // state for every token sequence it saw there. The AST builder tells them apart.
    | LEFT_PAREN (items+=expr (COMMA items+=expr)* trailing=COMMA?)? close=RIGHT_PAREN keep=KEEP_METRIC_NAMES?   # parenExpr
    | kw=WITH LEFT_PAREN (defs+=withDefinition (COMMA defs+=withDefinition)* COMMA?)? RIGHT_PAREN body=expr   # withExpr
    | name=identifier group=grouping LEFT_PAREN args=argList? RIGHT_PAREN lim=limit? keep=KEEP_METRIC_NAMES?    # call
    | name=identifier LEFT_PAREN args=argList? RIGHT_PAREN group=grouping? lim=limit? keep=KEEP_METRIC_NAMES?   # call
    | metric=metricName matchers=labelMatchers?                               # selector
    | matchers=labelMatchers                                                  # selector
    ;

withDefinition
    : name=templateName (LEFT_PAREN (params+=templateName (COMMA params+=templateName)* COMMA?)? RIGHT_PAREN)? EQ value=expr
    ;

// VictoriaMetrics takes any name here, inf and nan too (numbers everywhere else, so such a
// template is never used).
templateName
    : identifier | NUMBER
    ;

argList
    : items+=expr (COMMA items+=expr)* trailing=COMMA?
    ;

grouping
    : kind=(BY | WITHOUT) labels=labelList
    ;

limit
    : LIMIT value=NUMBER
    ;

labelList
    : LEFT_PAREN (names+=labelName (COMMA names+=labelName)* COMMA?)? RIGHT_PAREN
    ;

labelMatchers
    : LEFT_BRACE (groups+=matcherGroup (ors+=OR groups+=matcherGroup)*)? RIGHT_BRACE
    ;

matcherGroup
    : items+=matcher (COMMA items+=matcher)* trailing=COMMA?
    ;

matcher
    : name=labelName op=(EQ | NEQ | EQ_REGEX | NEQ_REGEX) parts+=matcherValue (ADD parts+=matcherValue)*   # labelMatcher
    | value=STRING                                                            # quotedMetricName
    | name=identifier                                                         # templateReference
    ;

// A label filter's value: a string, or (MetricsQL) strings and WITH names joined by '+'.
matcherValue
    : str=STRING
    | ref=identifier
    ;

// Metric names: identifiers, the MetricsQL-only words (plain names to PromQL), and the keywords
// both languages also read as names where an operand begins (`by > 0`, `unless{job="a"}`); the
// AST builder refuses, under PromQL, the ones Prometheus does not (atan2, on, ignoring, bool…).
metricName
    : IDENTIFIER | IF | IFNOT | DEFAULT | WITH | LIMIT | PREFIX | KEEP_METRIC_NAMES
    | AND | OR | UNLESS | BY | WITHOUT | OFFSET
    | ATAN2 | ON | IGNORING | GROUP_LEFT | GROUP_RIGHT | BOOL
    ;

identifier
    : metricName
    ;

// Label names may be any keyword, or (Prometheus 3) a quoted string.
labelName
    : IDENTIFIER | STRING
    | AND | OR | UNLESS | ATAN2 | BY | WITHOUT | ON | IGNORING | GROUP_LEFT | GROUP_RIGHT | BOOL | OFFSET
    | IF | IFNOT | DEFAULT | WITH | LIMIT | PREFIX | KEEP_METRIC_NAMES
    | NUMBER
    ;
