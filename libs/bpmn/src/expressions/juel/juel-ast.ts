/** The syntax tree produced by the parser; `start`/`end` are offsets into the whole template source. */

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type RelationalOperator = '<' | '>' | '<=' | '>=';
export type EqualityOperator = '==' | '!=';
export type BinaryOperator = ArithmeticOperator | RelationalOperator | EqualityOperator;
export type LogicalOperator = '&&' | '||';
export type UnaryOperator = '-' | '!' | 'empty';

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface LiteralNode extends Span {
  readonly type: 'literal';
  readonly value: null | boolean | number | string;
}

export interface IdentifierNode extends Span {
  readonly type: 'identifier';
  readonly name: string;
}

/** `a.b` and `a[b]` alike: for `a.b` the property is a string literal. */
export interface MemberNode extends Span {
  readonly type: 'member';
  readonly object: JuelNode;
  readonly property: JuelNode;
}

/** `a.m(…)` or `a['m'](…)`. */
export interface CallNode extends Span {
  readonly type: 'call';
  readonly object: JuelNode;
  readonly method: JuelNode;
  readonly args: readonly JuelNode[];
}

/** A top-level `f(…)`: parsed so that it can be rejected with a helpful message. */
export interface FunctionNode extends Span {
  readonly type: 'function';
  readonly name: string;
  readonly args: readonly JuelNode[];
}

export interface UnaryNode extends Span {
  readonly type: 'unary';
  readonly operator: UnaryOperator;
  readonly operand: JuelNode;
}

export interface BinaryNode extends Span {
  readonly type: 'binary';
  readonly operator: BinaryOperator;
  readonly left: JuelNode;
  readonly right: JuelNode;
}

/** Kept apart from BinaryNode because its right operand is evaluated lazily. */
export interface LogicalNode extends Span {
  readonly type: 'logical';
  readonly operator: LogicalOperator;
  readonly left: JuelNode;
  readonly right: JuelNode;
}

export interface ConditionalNode extends Span {
  readonly type: 'conditional';
  readonly test: JuelNode;
  readonly consequent: JuelNode;
  readonly alternate: JuelNode;
}

export type JuelNode =
  | LiteralNode
  | IdentifierNode
  | MemberNode
  | CallNode
  | FunctionNode
  | UnaryNode
  | BinaryNode
  | LogicalNode
  | ConditionalNode;

/** A piece of a template: literal text, or one `${…}`/`#{…}` whose span includes its delimiters. */
export type JuelTemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'expression'; readonly node: JuelNode; readonly start: number; readonly end: number };
