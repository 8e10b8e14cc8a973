package io.vmrules.promql.ast;

import io.vmrules.promql.Span;

/** A PromQL/MetricsQL expression. Immutable; nodes compare equal regardless of {@link Span}. */
public sealed interface Expr
    permits NumberLiteral,
        StringLiteral,
        VectorSelector,
        MatrixSelector,
        SubqueryExpr,
        OffsetExpr,
        Call,
        AggregateExpr,
        BinaryExpr,
        UnaryExpr,
        ParenExpr,
        WithExpr {
  Span span();
}
