// Parser for the union of PromQL and MetricsQL. Every alternative is labelled; no actions.
// Precedence is the order of the alternatives of `expr` (first binds tightest). Dialect rules,
// aggregation detection and literal decoding are the AST builder's job.
parser grammar PromQLParser;

options { tokenVocab = PromQLLexer; }

query
    : expr EOF
    ;

expr
    : expr LEFT_BRACKET range=expr? (COLON step=expr?)? RIGHT_BRACKET          # subscriptExpr
    | expr offsetModifier                                                     # offsetExpr
    | expr atModifier                                                         # atExpr
    | <assoc=right> lhs=expr op=POW matching rhs=expr                         # binaryExpr
    | sign=(ADD | SUB) expr                                                   # unaryExpr
    | lhs=expr op=(MUL | DIV | MOD | ATAN2) matching rhs=expr                 # binaryExpr
    | lhs=expr op=(ADD | SUB) matching rhs=expr                               # binaryExpr
    | lhs=expr op=(EQLC | NEQ | LTE | GTE | LSS | GTR) matching rhs=expr      # binaryExpr
    | lhs=expr op=(AND | UNLESS) matching rhs=expr                            # binaryExpr
    | lhs=expr op=OR matching rhs=expr                                        # binaryExpr
    | lhs=expr op=(IF | IFNOT) matching rhs=expr                              # binaryExpr
    | lhs=expr op=DEFAULT matching rhs=expr                                   # binaryExpr
    | primary                                                                 # primaryExpr
    ;

// `bool`, `on`/`ignoring`, `group_left`/`group_right` and MetricsQL's `prefix`.
matching
    : BOOL? (matchKind=(ON | IGNORING) labelList groupModifier?)?
    ;

// A '(' after group_left/group_right always opens its label list, as in Prometheus: the one
// predicate of the grammar keeps ANTLR from reading it as the right operand instead.
groupModifier
    : groupKind=(GROUP_LEFT | GROUP_RIGHT) labelList (PREFIX prefix=STRING)?
    | groupKind=(GROUP_LEFT | GROUP_RIGHT) {_input.LA(1) != LEFT_PAREN}? (PREFIX prefix=STRING)?
    ;

offsetModifier
    : OFFSET sign=(ADD | SUB)? durationValue
    ;

atModifier
    : AT sign=(ADD | SUB)? primary
    ;

durationValue
    : DURATION
    | NUMBER
    | IDENTIFIER
    | LEFT_PAREN expr RIGHT_PAREN
    ;

primary
    : NUMBER                                                                  # numberLiteral
    | DURATION                                                                # durationLiteral
    | STRING                                                                  # stringLiteral
    // One alternative for (a) and MetricsQL's (a, b, …) unions: as two, telling them apart took
    // lookahead over the whole parenthesised expression, and ANTLR's prediction grew a new DFA
    // state for every token sequence it saw there. The AST builder tells them apart.
    | LEFT_PAREN expr (COMMA expr)* trailing=COMMA? RIGHT_PAREN KEEP_METRIC_NAMES?   # parenExpr
    | WITH LEFT_PAREN withDefinition (COMMA withDefinition)* COMMA? RIGHT_PAREN expr   # withExpr
    | name=identifier grouping LEFT_PAREN argList? RIGHT_PAREN limit? KEEP_METRIC_NAMES?           # call
    | name=identifier LEFT_PAREN argList? RIGHT_PAREN grouping? limit? KEEP_METRIC_NAMES?          # call
    | metricName labelMatchers?                                               # selector
    | labelMatchers                                                           # selector
    ;

withDefinition
    : name=identifier (LEFT_PAREN (params+=identifier (COMMA params+=identifier)*)? RIGHT_PAREN)? EQ value=expr
    ;

argList
    : expr (COMMA expr)* COMMA?
    ;

grouping
    : kind=(BY | WITHOUT) labelList
    ;

limit
    : LIMIT NUMBER
    ;

labelList
    : LEFT_PAREN (labelName (COMMA labelName)* COMMA?)? RIGHT_PAREN
    ;

labelMatchers
    : LEFT_BRACE (matcherGroup (OR matcherGroup)*)? RIGHT_BRACE
    ;

matcherGroup
    : matcher (COMMA matcher)* COMMA?
    ;

matcher
    : labelName op=(EQ | NEQ | EQ_REGEX | NEQ_REGEX) value=STRING             # labelMatcher
    | STRING                                                                  # quotedMetricName
    | identifier                                                              # templateReference
    ;

// Metric names: identifiers and the MetricsQL-only words, which PromQL treats as plain names.
metricName
    : IDENTIFIER | IF | IFNOT | DEFAULT | WITH | LIMIT | PREFIX | KEEP_METRIC_NAMES
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
