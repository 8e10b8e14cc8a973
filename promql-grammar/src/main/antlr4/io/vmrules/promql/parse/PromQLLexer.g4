// Lexer for the union of PromQL (Prometheus 2.x/3.x) and MetricsQL.
// Words are case-insensitive keywords where PromQL/MetricsQL say so; the AST builder decides
// which forms a dialect accepts. Positions come from the tokens; the one piece of state is the
// bracket nesting, which decides what a ':' is (AsciiLexer keeps the same count).
lexer grammar PromQLLexer;

@lexer::members {
  /**
   * '[' nesting. Outside brackets a ':' starts a name (':' alone, ':6P'), inside it is a subquery's
   * colon ([5m:1m]): Prometheus' lexer decides the same way, and VictoriaMetrics reads both so.
   */
  private int brackets;
}

options { caseInsensitive = false; }

// ---- keywords (case-insensitive) ----
AND               options { caseInsensitive = true; } : 'and';
OR                options { caseInsensitive = true; } : 'or';
UNLESS            options { caseInsensitive = true; } : 'unless';
ATAN2             options { caseInsensitive = true; } : 'atan2';
BY                options { caseInsensitive = true; } : 'by';
WITHOUT           options { caseInsensitive = true; } : 'without';
ON                options { caseInsensitive = true; } : 'on';
IGNORING          options { caseInsensitive = true; } : 'ignoring';
GROUP_LEFT        options { caseInsensitive = true; } : 'group_left';
GROUP_RIGHT       options { caseInsensitive = true; } : 'group_right';
BOOL              options { caseInsensitive = true; } : 'bool';
OFFSET            options { caseInsensitive = true; } : 'offset';
// MetricsQL-only keywords; they stay usable as metric and label names.
IF                options { caseInsensitive = true; } : 'if';
IFNOT             options { caseInsensitive = true; } : 'ifnot';
DEFAULT           options { caseInsensitive = true; } : 'default';
WITH              options { caseInsensitive = true; } : 'with';
LIMIT             options { caseInsensitive = true; } : 'limit';
PREFIX            options { caseInsensitive = true; } : 'prefix';
KEEP_METRIC_NAMES options { caseInsensitive = true; } : 'keep_metric_names';

// ---- numbers and durations ----
// A duration: number+unit parts (1h30m, 1.5h in MetricsQL; i counts steps: 5i, 1m2i), joined by
// '-' in MetricsQL (1h-5m, 5w4h-3.4m13.4ms: one duration, as VictoriaMetrics lexes it). A part
// that follows another directly starts with a digit (5m.5s is two tokens there); the first, and
// the first after a '-', may start with '.'.
DURATION
    : DECIMAL DURATION_UNIT (LEADING_DIGIT_DECIMAL DURATION_UNIT)*
      ('-' DECIMAL DURATION_UNIT (LEADING_DIGIT_DECIMAL DURATION_UNIT)*)*
    ;

NUMBER
    : '0' [xX] HEX_DIGIT+
    | '0' [oO] [0-7]+
    | '0' [bB] [01]+
    | DECIMAL EXPONENT?
    | DECIMAL NUMBER_SUFFIX
    | '.' DIGIT+ EXPONENT?
    | [iI] [nN] [fF]
    | [nN] [aA] [nN]
    ;

// ---- strings ----
STRING
    : '"' ( ESCAPE | ~["\\\r\n] )* '"'
    | '\'' ( ESCAPE | ~['\\\r\n] )* '\''
    | '`' ~[`]* '`'
    ;

// Unterminated strings get their own token so the error names the real problem.
UNTERMINATED_STRING
    : '"' ( ESCAPE | ~["\\\r\n] )*
    | '\'' ( ESCAPE | ~['\\\r\n] )*
    | '`' ~[`]*
    ;

// Metric and label names; MetricsQL also allows dots and backslash escapes.
IDENTIFIER
    : IDENT_START IDENT_CHAR*
    | ':' [a-zA-Z_:] IDENT_CHAR*
    | {brackets == 0}? ':' IDENT_CHAR*
    ;

// ---- operators and punctuation ----
LEFT_PAREN   : '(';
RIGHT_PAREN  : ')';
LEFT_BRACE   : '{';
RIGHT_BRACE  : '}';
LEFT_BRACKET : '[' {brackets++;};
RIGHT_BRACKET: ']' {if (brackets > 0) brackets--;};
COMMA        : ',';
COLON        : ':';
AT           : '@';
ADD          : '+';
SUB          : '-';
MUL          : '*';
DIV          : '/';
MOD          : '%';
POW          : '^';
EQLC         : '==';
NEQ          : '!=';
LTE          : '<=';
TRIM_UPPER   : '</';
TRIM_LOWER   : '>/';
GTE          : '>=';
LSS          : '<';
GTR          : '>';
EQ_REGEX     : '=~';
NEQ_REGEX    : '!~';
EQ           : '=';

// Skipped, not kept on a hidden channel: nothing reads them, and a token for every run of
// spaces was a third of the lexer's work.
COMMENT : '#' ~[\r\n]* -> skip;
// VictoriaMetrics also skips vertical tab and form feed; Prometheus does not, and ExpressionParser
// reports them under PromQL.
WS      : [ \t\r\n\u000B\u000C]+ -> skip;

// Anything else is one bad character; the parser reports it with its position.
UNEXPECTED_CHAR : . ;

fragment DIGIT        : [0-9];
fragment HEX_DIGIT    : [0-9a-fA-F];
fragment DECIMAL      : DIGIT+ ('.' DIGIT*)? | '.' DIGIT+;
fragment EXPONENT     : [eE] [+-]? DIGIT+;
fragment LEADING_DIGIT_DECIMAL: DIGIT+ ('.' DIGIT*)?;
fragment DURATION_UNIT: 'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y' | 'i';
// MetricsQL number suffixes as VictoriaMetrics reads them: k, M, G, T in either case (lower-case m
// is minutes), then an optional i, then an optional b, each in either case (1K, 1Ki, 1.5Gb, 4TiB);
// none after an exponent or on hex, octal or binary numbers.
fragment NUMBER_SUFFIX: [kKgGtT] [iI]? [bB]? | 'M' [iI]? [bB]?;
fragment ESCAPE       : '\\' .;
// Inside brackets a leading ':' starts a name only before a letter, '_' or ':', so that subquery
// steps ([5m:1m], [5m:]) lex as a colon; outside brackets any ':' starts one (see IDENTIFIER).
fragment IDENT_START  : [a-zA-Z_] | '\\' .;
fragment IDENT_CHAR   : [a-zA-Z0-9_:.] | '\\' .;
