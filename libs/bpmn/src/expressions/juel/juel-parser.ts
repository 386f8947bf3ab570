/** Recursive-descent parser for the body of one `${…}`, with JUEL's operator precedence. */
import type { BinaryOperator, JuelNode, LogicalOperator, UnaryOperator } from './juel-ast.js';
import { JuelSyntaxError } from './juel-errors.js';
import { describeToken, tokenizeExpression, type Token } from './juel-lexer.js';

/**
 * Bounds both parser and evaluator recursion, so that a hostile template fails with a
 * JuelSyntaxError instead of overflowing the stack of the engine evaluating it.
 */
const MAX_NESTING = 200;

/** Binary operators from loosest to tightest binding; word forms map to their symbols. */
const BINARY_LEVELS: readonly ReadonlyMap<string, BinaryOperator | LogicalOperator>[] = [
  operators({ '||': '||', or: '||' }),
  operators({ '&&': '&&', and: '&&' }),
  operators({ '==': '==', '!=': '!=', eq: '==', ne: '!=' }),
  operators({ '<': '<', '>': '>', '<=': '<=', '>=': '>=', lt: '<', gt: '>', le: '<=', ge: '>=' }),
  operators({ '+': '+', '-': '-' }),
  operators({ '*': '*', '/': '/', div: '/', '%': '%', mod: '%' }),
];

const UNARY_OPERATORS = operators<UnaryOperator>({ '-': '-', '!': '!', not: '!', empty: 'empty' });

const KEYWORD_LITERALS = operators<null | boolean>({ true: true, false: false, null: null });

/** Parses from `start` (just after `${` or `#{`); `end` is the offset just after the closing `}`. */
export function parseExpressionBody(source: string, start: number): { node: JuelNode; end: number } {
  return new ExpressionParser(source, tokenizeExpression(source, start)).parseBody();
}

class ExpressionParser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseBody(): { node: JuelNode; end: number } {
    const node = this.parseExpression();
    const close = this.peek();
    if (close.kind !== 'close') throw this.expected("an operator or '}'", close);
    return { node, end: close.end };
  }

  /** Expression := Or ('?' Expression ':' Expression)? */
  private parseExpression(): JuelNode {
    this.enter();
    const test = this.parseBinary(0);
    let result = test;
    if (this.accept('?')) {
      const consequent = this.parseExpression();
      this.expect(':', "':' of the conditional expression");
      const alternate = this.parseExpression();
      result = { type: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end };
    }
    this.depth -= 1;
    return result;
  }

  private parseBinary(level: number): JuelNode {
    if (level === BINARY_LEVELS.length) return this.parseUnary();
    const operators = BINARY_LEVELS[level];
    const depthBefore = this.depth;
    let left = this.parseBinary(level + 1);
    for (;;) {
      const operator = this.operatorOf(this.peek(), operators);
      if (operator === undefined) break;
      this.index += 1;
      // Each operator in a chain adds a level to the (left-leaning) tree the evaluator walks.
      this.enter();
      const right = this.parseBinary(level + 1);
      left =
        operator === '&&' || operator === '||'
          ? { type: 'logical', operator, left, right, start: left.start, end: right.end }
          : { type: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    this.depth = depthBefore;
    return left;
  }

  private parseUnary(): JuelNode {
    const token = this.peek();
    const operator = this.operatorOf(token, UNARY_OPERATORS);
    if (operator === undefined) return this.parsePostfix();
    this.index += 1;
    this.enter();
    const operand = this.parseUnary();
    this.depth -= 1;
    return { type: 'unary', operator, operand, start: token.start, end: operand.end };
  }

  /** Value := Primary ('.' Name | '[' Expression ']')*, either optionally followed by '(' arguments ')'. */
  private parsePostfix(): JuelNode {
    const depthBefore = this.depth;
    let node = this.parsePrimary();
    for (;;) {
      let property: JuelNode;
      let end: number;
      if (this.accept('.')) {
        const name = this.next();
        // Reserved words are accepted here because a map key such as `empty` is harmless after a dot.
        if (name.kind !== 'identifier' && name.kind !== 'keyword')
          throw this.expected("a property name after '.'", name);
        property = { type: 'literal', value: name.text, start: name.start, end: name.end };
        end = name.end;
      } else if (this.accept('[')) {
        property = this.parseExpression();
        end = this.expect(']', "']'").end;
      } else {
        break;
      }
      this.enter();
      if (this.peekIs('(')) {
        const call = this.parseArguments();
        node = {
          type: 'call',
          object: node,
          method: property,
          args: call.args,
          start: node.start,
          end: call.end,
        };
      } else {
        node = { type: 'member', object: node, property, start: node.start, end };
      }
    }
    this.depth = depthBefore;
    return node;
  }

  private parsePrimary(): JuelNode {
    const token = this.next();
    const { start, end } = token;
    switch (token.kind) {
      case 'number':
      case 'string':
        return { type: 'literal', value: token.value, start, end };
      case 'identifier':
        if (this.peekIs('(')) {
          const call = this.parseArguments();
          return { type: 'function', name: token.text, args: call.args, start, end: call.end };
        }
        return { type: 'identifier', name: token.text, start, end };
      case 'keyword': {
        const value = KEYWORD_LITERALS.get(token.text);
        if (value !== undefined) return { type: 'literal', value, start, end };
        break;
      }
      case 'operator':
        if (token.text === '(') {
          const inner = this.parseExpression();
          const close = this.expect(')', "')'");
          // Widening the span keeps error messages quoting `(a + b)` rather than `a + b)`.
          return { ...inner, start, end: close.end };
        }
        break;
    }
    throw this.expected('an expression', token);
  }

  private parseArguments(): { args: JuelNode[]; end: number } {
    this.expect('(', "'('");
    const args: JuelNode[] = [];
    if (this.peekIs(')')) return { args, end: this.next().end };
    for (;;) {
      args.push(this.parseExpression());
      if (!this.accept(',')) return { args, end: this.expect(')', "',' or ')'").end };
    }
  }

  private operatorOf<T>(token: Token, operators: ReadonlyMap<string, T>): T | undefined {
    return token.kind === 'operator' || token.kind === 'keyword' ? operators.get(token.text) : undefined;
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING) {
      const position = this.peek().start;
      throw new JuelSyntaxError(
        `Expected at most ${MAX_NESTING} nested operations but found more at position ${position}`,
        this.source,
        position,
      );
    }
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private peekIs(operator: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === operator;
  }

  /** Never moves past the final `close`/`eof` token, so peek() stays defined after an error path. */
  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'close' && token.kind !== 'eof') this.index += 1;
    return token;
  }

  private accept(operator: string): boolean {
    if (!this.peekIs(operator)) return false;
    this.index += 1;
    return true;
  }

  private expect(operator: string, description: string): Token {
    const token = this.peek();
    if (!this.peekIs(operator)) throw this.expected(description, token);
    this.index += 1;
    return token;
  }

  private expected(what: string, token: Token): JuelSyntaxError {
    return new JuelSyntaxError(
      `Expected ${what} but found ${describeToken(token)} at position ${token.start}`,
      this.source,
      token.start,
    );
  }
}

function operators<T>(table: Readonly<Record<string, T>>): ReadonlyMap<string, T> {
  return new Map(Object.entries(table));
}
