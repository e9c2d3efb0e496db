// The contract's vocabulary: operations of openapi.yaml, and the outcome of checking an answer against one.
import type { SchemaNode } from './schemas';

export interface Operation {
  operationId: string;
  /** The route as OpenCart names it, e.g. 'api/cart/add' (the operation's x-route). */
  route: string;
  /** The operation's one tag: its API area (login, cart, order...). */
  tag: string;
  /** The path key in openapi.yaml, e.g. '/index.php#route=api/cart/add'. */
  pathKey: string;
  method: 'post' | 'get';
  summary: string;
  /** Titles of the response variants of the 200 answer, in the order of its oneOf. */
  variants: string[];
  /** Names of the top-level form fields the route reads (api_token and order_id are query parameters, not here). */
  requestFields: string[];
  /** The request form's schema under schemas/, to read each field's documented shape (the negative suite). */
  requestSchema?: SchemaNode;
  /** Where that schema lives under schemas/ ('forms.json#/$defs/CartAddForm'). */
  requestSchemaRef?: string;
  /** Variants no request can reach on the demo data, with the reason (x-unreachable-variants); spec coverage excuses them. */
  unreachableVariants: Record<string, string>;
}

export interface Violation {
  operationId: string;
  /** JSON pointer into the body ('' for the whole body, or for the status and content type). */
  pointer: string;
  /** What the contract wanted there, e.g. 'string', 'property "price"', 'HTTP 200'. */
  expected: string;
  /** At most 200 characters of what came. */
  excerpt: string;
  /** The response variant whose expectation this is (the closest one when none matched). */
  variant?: string;
}

export interface ValidationResult {
  operationId: string;
  ok: boolean;
  /** Title of the response variant the body matched. */
  variant?: string;
  violations: Violation[];
}

const MAX_EXCERPT = 200;

/** At most 200 characters of a value, as JSON. */
export function excerpt(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else {
    try {
      text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
    } catch {
      text = String(value);
    }
  }
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT - 1)}…` : text;
}

/** One line per violation: "cartProducts: /products/0/price expected string, got 12.5 (CartContents)". */
export function describeViolation(v: Violation): string {
  return `${v.operationId}: ${v.pointer || '/'} expected ${v.expected}, got ${v.excerpt}${v.variant ? ` (${v.variant})` : ''}`;
}

/** An answer that is not what the contract documents for its route. */
export class ContractViolationError extends Error {
  override name = 'ContractViolationError';

  constructor(readonly result: ValidationResult) {
    super(
      result.violations.length
        ? result.violations.map(describeViolation).join('\n')
        : `${result.operationId}: the answer does not match the contract`,
    );
  }
}
