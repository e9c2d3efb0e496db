// The JSON Schema files of schemas/, keyed by their $id (the file name), and $ref resolution across them.
// Ajv resolves refs itself for validation; this resolver serves what Ajv does not: variant titles, request field
// names and the walk that finds undocumented fields.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type JsonSchema = { [keyword: string]: unknown };

/** A schema node together with the $id of the file it lives in (the base for its relative refs). */
export interface SchemaNode {
  schema: JsonSchema;
  base: string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export class SchemaFiles {
  readonly byId = new Map<string, JsonSchema>();
  // A schema object lives in one file, so its expansion depends on the object alone.
  private readonly expanded = new WeakMap<JsonSchema, SchemaNode[]>();

  constructor(readonly dir: string) {
    let files: string[];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    } catch (error) {
      throw new Error(`contract: cannot read the schema folder ${dir}: ${(error as Error).message}`);
    }
    for (const file of files) {
      const full = path.join(dir, file);
      let schema: unknown;
      try {
        schema = JSON.parse(readFileSync(full, 'utf8'));
      } catch (error) {
        throw new Error(`contract: ${full} is not valid JSON: ${(error as Error).message}`);
      }
      if (!isObject(schema)) throw new Error(`contract: ${full} is not a JSON Schema object`);
      // The $id is the file name, so a ref such as "common.json#/$defs/Money" means the same to Ajv, to Redocly
      // (which resolves it as a path next to the referring file) and to a reader.
      if (schema.$id !== file) throw new Error(`contract: ${full} must have "$id": "${file}" (found ${JSON.stringify(schema.$id)})`);
      this.byId.set(file, schema);
    }
  }

  /** Resolves `ref` ("cart.json#/$defs/X", "#/$defs/X") against the file `base`. */
  resolve(ref: string, base: string): SchemaNode {
    const hash = ref.indexOf('#');
    const filePart = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    const id = filePart === '' ? base : path.posix.basename(filePart);
    const doc = this.byId.get(id);
    if (!doc) throw new Error(`contract: $ref "${ref}" (from ${base || 'openapi.yaml'}) names no file of ${this.dir}`);
    let node: unknown = doc;
    if (fragment !== '') {
      if (!fragment.startsWith('/')) throw new Error(`contract: $ref "${ref}" must use a JSON pointer fragment`);
      for (const raw of fragment.slice(1).split('/')) {
        const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        node = isObject(node) ? node[key] : undefined;
        if (node === undefined) throw new Error(`contract: $ref "${ref}" points at nothing in ${id}`);
      }
    }
    if (!isObject(node)) throw new Error(`contract: $ref "${ref}" does not point at a schema object`);
    return { schema: node, base: id };
  }

  /** Follows $ref chains until a node without $ref (siblings of a $ref are annotations only in our files). */
  deref(node: SchemaNode): SchemaNode {
    let current = node;
    for (let hops = 0; typeof current.schema.$ref === 'string'; hops++) {
      if (hops > 32) throw new Error(`contract: $ref loop at ${String(node.schema.$ref)}`);
      current = this.resolve(current.schema.$ref, current.base);
    }
    return current;
  }

  /**
   * Dereferences a schema whose file is unknown (Ajv's verbose errors give the schema, not its file): a local ref is
   * tried in every file. Undefined when it cannot be resolved.
   */
  derefAnywhere(schema: JsonSchema): JsonSchema | undefined {
    if (typeof schema.$ref !== 'string') return schema;
    for (const id of this.byId.keys()) {
      try {
        return this.deref({ schema, base: id }).schema;
      } catch {
        // not in this file
      }
    }
    return undefined;
  }

  /**
   * The nodes that together describe a value at one place: the node itself (dereferenced) plus every branch of
   * allOf/anyOf/oneOf, recursively. Used for "which properties are documented here".
   */
  expand(node: SchemaNode, into: SchemaNode[] = []): SchemaNode[] {
    let nodes = this.expanded.get(node.schema);
    if (!nodes) {
      nodes = this.expandUncached(node, []);
      this.expanded.set(node.schema, nodes);
    }
    into.push(...nodes);
    return into;
  }

  private expandUncached(node: SchemaNode, into: SchemaNode[]): SchemaNode[] {
    const n = this.deref(node);
    into.push(n);
    if (n !== node && (node.schema.properties || node.schema.items)) {
      // $ref siblings may carry structure of their own (legal in 2020-12, not used in our files).
      const { $ref: _ref, ...siblings } = node.schema;
      into.push({ schema: siblings, base: node.base });
    }
    for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = n.schema[k];
      if (Array.isArray(list)) for (const s of list) if (isObject(s)) this.expand({ schema: s, base: n.base }, into);
    }
    return into;
  }
}

/** RFC 6901 escaping of one pointer segment. */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The value at a JSON pointer, or undefined. */
export function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '') return body;
  let node: unknown = body;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    else return undefined;
  }
  return node;
}
