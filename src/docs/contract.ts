// What the documentation shows of openapi.yaml: each operation with its description, query parameters, form fields
// and response variants, $refs resolved through the contract's own resolver (src/contract/schemas.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { isObject, SchemaFiles, type JsonSchema, type SchemaNode } from '../contract/schemas';

export interface DocField {
  /** As sent: `product_id`, `option[<key>]`, `product[<n>][product_id]`. */
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

export interface DocVariant {
  title: string;
  description?: string;
  /** The schema's own documented example, shown only when the last run recorded none. */
  documentedExample?: unknown;
}

export interface DocOperation {
  operationId: string;
  route: string;
  method: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters: DocField[];
  fields: DocField[];
  variants: DocVariant[];
  /** The description of the 200 answer. */
  answers?: string;
}

const FORM = 'application/x-www-form-urlencoded';
const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

export function loadOperations(root: string): DocOperation[] {
  const file = path.join(root, 'openapi.yaml');
  const doc: unknown = YAML.parse(readFileSync(file, 'utf8'));
  if (!isObject(doc) || !isObject(doc.paths)) throw new Error(`docs: ${file} has no paths`);
  const files = new SchemaFiles(path.join(root, 'schemas'));
  const local = (value: unknown): unknown => followLocal(doc, value);
  // A component schema ('#/components/schemas/X') is itself a $ref into schemas/; '' is openapi.yaml's base.
  const schema = (value: unknown): SchemaNode | undefined => {
    const node = local(value);
    return isObject(node) ? files.deref({ schema: node as JsonSchema, base: '' }) : undefined;
  };

  const operations: DocOperation[] = [];
  for (const item of Object.values(doc.paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const ok = local(isObject(op.responses) ? op.responses['200'] : undefined);
      const answer = isObject(ok) && isObject(ok.content) && isObject(ok.content['application/json']) ? ok.content['application/json'].schema : undefined;
      const oneOf = isObject(answer) && Array.isArray(answer.oneOf) ? answer.oneOf : answer ? [answer] : [];
      const body = local(op.requestBody);
      const form = isObject(body) && isObject(body.content) && isObject(body.content[FORM]) ? schema(body.content[FORM].schema) : undefined;
      operations.push({
        operationId: op.operationId,
        route: typeof op['x-route'] === 'string' ? op['x-route'] : op.operationId,
        method: method.toUpperCase(),
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        summary: typeof op.summary === 'string' ? op.summary : '',
        description: typeof op.description === 'string' ? op.description : undefined,
        parameters: (Array.isArray(op.parameters) ? op.parameters : []).map(local).filter(isObject).map((p) => ({
          name: String(p.name),
          type: `${String(p.in)}, ${typeOf(files, isObject(p.schema) ? { schema: p.schema as JsonSchema, base: '' } : undefined)}`,
          required: p.required === true,
          description: typeof p.description === 'string' ? p.description : undefined,
        })),
        fields: form ? formFields(files, form) : [],
        variants: oneOf.map((entry) => {
          const node = schema(entry);
          const examples = node?.schema.examples;
          return {
            title: typeof node?.schema.title === 'string' ? node.schema.title : refName(entry),
            description: typeof node?.schema.description === 'string' ? node.schema.description : undefined,
            documentedExample: Array.isArray(examples) && examples.length ? examples[0] : undefined,
          };
        }),
        answers: isObject(ok) && typeof ok.description === 'string' ? ok.description : undefined,
      });
    }
  }
  return operations;
}

/** Follows '#/...' refs inside openapi.yaml itself. */
function followLocal(doc: Record<string, unknown>, value: unknown): unknown {
  let node = value;
  for (let hops = 0; isObject(node) && typeof node.$ref === 'string' && node.$ref.startsWith('#/') && hops < 16; hops++) {
    let target: unknown = doc;
    for (const raw of node.$ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`docs: openapi.yaml: ${node.$ref} points at nothing`);
    // A component that is a $ref into schemas/ keeps that ref; SchemaFiles resolves it.
    node = target;
  }
  return node;
}

function refName(entry: unknown): string {
  const ref = isObject(entry) && typeof entry.$ref === 'string' ? entry.$ref : '';
  return ref.split('/').pop() || 'answer';
}

/** The form fields of a request body schema, nested objects and arrays written the way PHP's bracket syntax sends them. */
function formFields(files: SchemaFiles, form: SchemaNode, prefix = '', into: DocField[] = []): DocField[] {
  const required = new Set(Array.isArray(form.schema.required) ? form.schema.required.map(String) : []);
  const props = isObject(form.schema.properties) ? form.schema.properties : {};
  for (const [key, value] of Object.entries(props)) {
    if (!isObject(value)) continue;
    const node = files.deref({ schema: value as JsonSchema, base: form.base });
    const name = prefix ? `${prefix}[${key}]` : key;
    const description = [value.description, node.schema.description].find((d): d is string => typeof d === 'string');
    into.push({ name, type: typeOf(files, node), required: required.has(key), description });
    const items = isObject(node.schema.items) ? files.deref({ schema: node.schema.items as JsonSchema, base: node.base }) : undefined;
    if (items && isObject(items.schema.properties)) formFields(files, items, `${name}[<n>]`, into);
    else if (isObject(node.schema.properties)) formFields(files, node, name, into);
  }
  return into;
}

/** A short type label: `string`, `array of string`, `object keyed by id`, `string or array of string`. */
export function typeOf(files: SchemaFiles, node: SchemaNode | undefined, depth = 0): string {
  if (!node || depth > 4) return 'any';
  const n = files.deref(node);
  const s = n.schema;
  for (const k of ['anyOf', 'oneOf'] as const) {
    const list = s[k];
    if (Array.isArray(list)) return list.filter(isObject).map((x) => typeOf(files, { schema: x as JsonSchema, base: n.base }, depth + 1)).join(' or ');
  }
  const types = Array.isArray(s.type) ? s.type.map(String) : typeof s.type === 'string' ? [s.type] : [];
  if (types.includes('array')) {
    const items = isObject(s.items) ? typeOf(files, { schema: s.items as JsonSchema, base: n.base }, depth + 1) : 'any';
    return `array of ${items}`;
  }
  if (types.includes('object') && !isObject(s.properties) && s.additionalProperties !== undefined && s.additionalProperties !== false) {
    const values = isObject(s.additionalProperties) ? typeOf(files, { schema: s.additionalProperties as JsonSchema, base: n.base }, depth + 1) : 'any';
    return `object keyed by id (values: ${values})`;
  }
  if (types.length) return types.join(' or ');
  if (s.const !== undefined) return `constant ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  return 'any';
}
