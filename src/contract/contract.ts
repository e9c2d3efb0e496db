// openapi.yaml + schemas/ loaded once per process: the operations, one compiled Ajv validator per response
// variant, and the check of an answer against its operation.
import path from 'node:path';
import type Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { isObject, pointerSegment, SchemaFiles, valueAt, type JsonSchema, type SchemaNode } from './schemas';
import { excerpt, type Operation, type ValidationResult, type Violation } from './types';
import { contractDigest, loadPrecompiled, PRECOMPILED_FILE, readOpenapi, writePrecompiled, type Precompiled } from './precompiled';
import { PROJECT_ROOT } from '../paths';

// Loaded when first needed: a run from the build validates with the precompiled code, and neither parses YAML nor
// compiles a schema unless an answer violates the contract (each parallel worker would otherwise load both).
const ajvClass = (): typeof Ajv2020 => (require('ajv/dist/2020') as typeof import('ajv/dist/2020')).default;
const addFormats = (ajv: Ajv2020): void => void (require('ajv-formats') as typeof import('ajv-formats')).default(ajv);
const parseYaml = (text: string): unknown => (require('yaml') as typeof import('yaml')).parse(text);

const DEFAULT_ROOT = PROJECT_ROOT;
const FORM = 'application/x-www-form-urlencoded';
/** On an object schema: the store gives the documented keys in the order of `properties`. */
const KEY_ORDER = 'x-key-order';

/** The schemas' own keywords, annotations Ajv only has to know (strict mode refuses unknown ones). */
export function addContractKeywords(ajv: Ajv2020): Ajv2020 {
  ajv.addKeyword({ keyword: KEY_ORDER, schemaType: 'boolean' });
  return ajv;
}

interface Variant {
  title: string;
  /** The variant's schema as Ajv knows it, e.g. 'cart.json#/$defs/CartContents'. */
  ref: string;
  node: SchemaNode;
  validate: (body: unknown) => boolean;
}

interface CompiledOperation {
  operation: Operation;
  variants: Variant[];
}

function fail(message: string): never {
  throw new Error(`contract: ${message}`);
}

function newAjv(allErrors: boolean, files: SchemaFiles, source = false): Ajv2020 {
  // strict catches typos in the schemas (unknown keywords, required properties never defined);
  // union types (["string","null"]) are how the store's values really are.
  const ajv = new (ajvClass())({ strict: true, allErrors, allowUnionTypes: true, verbose: allErrors, code: { source } });
  addFormats(ajv);
  addContractKeywords(ajv);
  for (const [id, schema] of files.byId) ajv.addSchema(schema, id);
  return ajv;
}

export class Contract {
  private static readonly cache = new Map<string, Contract>();

  /** The schema files of schemas/, for readers of the request and answer schemas (the negative suite). */
  readonly files: SchemaFiles;
  private ajvInstance?: Ajv2020;
  private diagnosticAjv?: Ajv2020;
  /** The build's compiled validators, when they were made from this very contract. */
  private readonly precompiled?: Precompiled;
  private readonly diagnostic = new Map<string, ValidateFunction>();
  private readonly compiled: CompiledOperation[] = [];
  private readonly byName = new Map<string, CompiledOperation>();
  private readonly variantsByTitle = new Map<string, Variant>();

  /**
   * openapi.yaml and schemas/ under rootDir (default: the repository root), loaded and compiled once per process;
   * `precompiledFile` is where the build's validators are looked for (null: compile here, always).
   */
  static load(rootDir: string = DEFAULT_ROOT, precompiledFile: string | null = PRECOMPILED_FILE): Contract {
    const root = path.resolve(rootDir);
    const key = `${root}\0${precompiledFile ?? ''}`;
    let contract = Contract.cache.get(key);
    if (!contract) {
      contract = new Contract(root, precompiledFile);
      Contract.cache.set(key, contract);
    }
    return contract;
  }

  private constructor(readonly rootDir: string, precompiledFile: string | null) {
    const file = path.join(rootDir, 'openapi.yaml');
    let text: string;
    try {
      text = readOpenapi(rootDir);
    } catch (error) {
      fail(`cannot read ${file}: ${(error as Error).message}`);
    }
    this.files = new SchemaFiles(path.join(rootDir, 'schemas'));
    this.precompiled = precompiledFile === null ? undefined : loadPrecompiled(contractDigest(text, this.files), precompiledFile);
    let doc: unknown = this.precompiled?.doc;
    if (!doc) {
      try {
        doc = parseYaml(text);
      } catch (error) {
        fail(`cannot read ${file}: ${(error as Error).message}`);
      }
    }
    if (!isObject(doc) || !isObject(doc.paths)) fail(`${file} has no paths`);

    const components = isObject(doc.components) && isObject(doc.components.schemas) ? doc.components.schemas : {};
    for (const [pathKey, item] of Object.entries(doc.paths)) {
      if (!isObject(item)) continue;
      for (const method of ['post', 'get'] as const) {
        const op = item[method];
        if (isObject(op)) this.addOperation(pathKey, method, op, components);
      }
    }
  }

  private addOperation(pathKey: string, method: 'post' | 'get', op: Record<string, unknown>, components: Record<string, unknown>): void {
    const where = `${method.toUpperCase()} ${pathKey}`;
    const operationId = typeof op.operationId === 'string' ? op.operationId : fail(`${where} has no operationId`);
    const route = typeof op['x-route'] === 'string' ? op['x-route'] : fail(`${operationId} has no x-route`);
    const tags = Array.isArray(op.tags) ? op.tags : [];
    const tag = typeof tags[0] === 'string' ? tags[0] : fail(`${operationId} has no tag`);
    const responses = isObject(op.responses) ? op.responses : {};
    const ok = responses['200'];
    const json = isObject(ok) && isObject(ok.content) ? ok.content['application/json'] : undefined;
    const oneOf = isObject(json) && isObject(json.schema) ? json.schema.oneOf : undefined;
    if (!Array.isArray(oneOf) || oneOf.length === 0) fail(`${operationId}: the 200 answer must be a oneOf of response variants`);

    const variants = oneOf.map((entry) => this.variant(operationId, entry, components));
    const operation: Operation = {
      operationId,
      route,
      tag,
      pathKey,
      method,
      summary: typeof op.summary === 'string' ? op.summary : '',
      variants: variants.map((v) => v.title),
      ...this.requestForm(operationId, op.requestBody, components),
      unreachableVariants: isObject(op['x-unreachable-variants']) ? (op['x-unreachable-variants'] as Record<string, string>) : {},
    };
    const compiled = { operation, variants };
    this.compiled.push(compiled);
    for (const name of new Set([operationId, route, route.replace(/^api\//, '')])) {
      const other = this.byName.get(name);
      if (other && other !== compiled) fail(`"${name}" names both ${other.operation.operationId} and ${operationId}`);
      this.byName.set(name, compiled);
    }
  }

  /** '#/components/schemas/X' → the schema file node it stands for. */
  private component(operationId: string, entry: unknown, components: Record<string, unknown>): { name: string; ref: string; node: SchemaNode } {
    const ref = isObject(entry) && typeof entry.$ref === 'string' ? entry.$ref : fail(`${operationId}: a oneOf entry is not a $ref to a component`);
    const name = ref.startsWith('#/components/schemas/') ? ref.slice('#/components/schemas/'.length) : fail(`${operationId}: ${ref} is not under #/components/schemas`);
    const component = components[name];
    const external = isObject(component) && typeof component.$ref === 'string' ? component.$ref : fail(`component ${name} must be a $ref into schemas/`);
    const node = this.files.deref(this.files.resolve(external, ''));
    const hash = external.indexOf('#');
    const id = `${path.posix.basename(external.slice(0, hash))}${external.slice(hash)}`;
    return { name, ref: id, node };
  }

  private variant(operationId: string, entry: unknown, components: Record<string, unknown>): Variant {
    const { name, ref, node } = this.component(operationId, entry, components);
    if (node.schema.title !== name) fail(`component ${name} must have "title": "${name}" (found ${JSON.stringify(node.schema.title)})`);
    let variant = this.variantsByTitle.get(name);
    if (!variant) {
      // One validator per variant, shared by every operation that answers it (Success, EmptyAnswer...), compiled on
      // first use: a parallel worker starts at once and compiles what its scenarios meet while it waits on the store.
      let compiled: ((body: unknown) => boolean) | undefined;
      const validate = (body: unknown): boolean =>
        (compiled ??= this.precompiled?.validators[ref] ?? this.ajv.getSchema(ref) ?? fail(`Ajv cannot find ${ref}`))(body) as boolean;
      variant = { title: name, ref, node, validate };
      this.variantsByTitle.set(name, variant);
    }
    return variant;
  }

  /** The form fields the route reads, and the schema node of the form (undefined for a route that reads none). */
  private requestForm(operationId: string, requestBody: unknown, components: Record<string, unknown>): Pick<Operation, 'requestFields' | 'requestSchema' | 'requestSchemaRef'> {
    if (!isObject(requestBody) || !isObject(requestBody.content)) return { requestFields: [] };
    const form = requestBody.content[FORM];
    if (!isObject(form) || !isObject(form.schema)) return { requestFields: [] };
    const { node, ref } = this.component(operationId, form.schema, components);
    const names = new Set<string>();
    for (const n of this.files.expand(node)) if (isObject(n.schema.properties)) for (const k of Object.keys(n.schema.properties)) names.add(k);
    return { requestFields: [...names], requestSchema: node, requestSchemaRef: ref };
  }

  /** Whether the validators come from the build (dist/contract.precompiled.js) rather than compiled here. */
  get precompiledByBuild(): boolean {
    return this.precompiled !== undefined;
  }

  /** The fast validators' Ajv, made on first need: with a fresh build every validator comes compiled. */
  private get ajv(): Ajv2020 {
    return (this.ajvInstance ??= newAjv(false, this.files));
  }

  /** `npm run build`: this contract's validators as standalone code, with openapi.yaml as JSON (see precompiled.ts). */
  writePrecompiled(file?: string): void {
    const text = readOpenapi(this.rootDir);
    writePrecompiled(contractDigest(text, this.files), text, newAjv(false, this.files, true), [...this.variantsByTitle.values()].map((v) => v.ref), file);
  }

  operations(): Operation[] {
    return this.compiled.map((c) => c.operation);
  }

  /** By route ('api/cart/add', also 'cart/add') or operationId ('cartAdd'). */
  operation(routeOrOperationId: string): Operation {
    return this.find(routeOrOperationId).operation;
  }

  private find(name: string): CompiledOperation {
    const found = this.byName.get(name);
    if (!found) {
      throw new Error(
        `contract: unknown operation "${name}": no route or operationId of openapi.yaml has that name ` +
          `(routes: ${this.compiled.map((c) => c.operation.route).join(', ')})`,
      );
    }
    return found;
  }

  /**
   * Checks one answer: HTTP 200, a JSON content type, and a body matching exactly one response variant of the
   * operation. When no variant matches, the violations are those of the closest variant.
   */
  validate(routeOrOperationId: string, status: number, contentType: string | undefined, body: unknown): ValidationResult {
    const { operation, variants } = this.find(routeOrOperationId);
    const operationId = operation.operationId;
    const violations: Violation[] = [];
    if (status !== 200) violations.push({ operationId, pointer: '', expected: 'HTTP 200', excerpt: `HTTP ${status}` });
    if (!isJson(contentType)) violations.push({ operationId, pointer: '', expected: 'Content-Type application/json', excerpt: excerpt(contentType ?? null) });
    if (body === undefined) {
      violations.push({ operationId, pointer: '', expected: 'a JSON body', excerpt: 'nothing' });
      return { operationId, ok: false, violations };
    }

    let matched: Variant | undefined;
    let also: Variant | undefined;
    for (const v of variants) {
      if (!v.validate(body)) continue;
      if (matched) {
        also = v;
        break;
      }
      matched = v;
    }
    if (matched && also) {
      violations.push({ operationId, pointer: '', expected: `exactly one response variant, but it matches ${matched.title} and ${also.title}`, excerpt: excerpt(body) });
      return { operationId, ok: false, violations };
    }
    if (matched) return { operationId, ok: violations.length === 0, variant: matched.title, violations };
    violations.push(...this.closest(operationId, variants, body));
    return { operationId, ok: false, violations };
  }

  /** The violations of one named variant (all of them), for tests and diagnostics: [] when the body matches. */
  validateVariant(variantTitle: string, body: unknown, operationId = variantTitle): Violation[] {
    const variant = this.variantsByTitle.get(variantTitle);
    if (!variant) throw new Error(`contract: no response variant is titled "${variantTitle}" (known: ${[...this.variantsByTitle.keys()].join(', ')})`);
    if (variant.validate(body)) return [];
    return this.violationsOf(operationId, variant, this.diagnose(variant, body), body);
  }

  /** Titles of every response variant of every operation. */
  variantTitles(): string[] {
    return [...this.variantsByTitle.keys()];
  }

  /** The closest variant: its errors reach deepest into the body; fewer errors break a tie, then oneOf order. */
  private closest(operationId: string, variants: Variant[], body: unknown): Violation[] {
    let best: { variant: Variant; errors: ErrorObject[]; depth: number } | undefined;
    for (const variant of variants) {
      const errors = this.diagnose(variant, body);
      const depth = Math.max(0, ...errors.map((e) => (e.instancePath === '' ? 0 : e.instancePath.split('/').length - 1)));
      if (!best || depth > best.depth || (depth === best.depth && errors.length < best.errors.length)) best = { variant, errors, depth };
    }
    return best ? this.violationsOf(operationId, best.variant, best.errors, body) : [];
  }

  /** All errors of a variant, from a second validator compiled on first need (the fast ones stop at the first). */
  private diagnose(variant: Variant, body: unknown): ErrorObject[] {
    let validate = this.diagnostic.get(variant.title);
    if (!validate) {
      this.diagnosticAjv ??= newAjv(true, this.files);
      validate = this.diagnosticAjv.getSchema(variant.ref) ?? fail(`Ajv cannot find ${variant.ref}`);
      this.diagnostic.set(variant.title, validate);
    }
    validate(body);
    // oneOf/anyOf summaries repeat what their branches said; keep them only when nothing more precise exists.
    const errors = validate.errors ?? [];
    const precise = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if');
    return precise.length ? precise : errors;
  }

  private violationsOf(operationId: string, variant: Variant, errors: ErrorObject[], body: unknown): Violation[] {
    const seen = new Set<string>();
    const out: Violation[] = [];
    for (const e of errors) {
      const v = this.toViolation(operationId, variant.title, e, body);
      const key = `${v.pointer} ${v.expected}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(v);
      }
    }
    return out;
  }

  private toViolation(operationId: string, variant: string, e: ErrorObject, body: unknown): Violation {
    const p = e.params as Record<string, unknown>;
    let pointer = e.instancePath;
    let expected: string;
    switch (e.keyword) {
      case 'type':
        expected = String(p.type).split(',').join(' or ');
        break;
      case 'required':
        pointer += `/${pointerSegment(String(p.missingProperty))}`;
        expected = `property "${String(p.missingProperty)}"`;
        break;
      case 'additionalProperties':
        pointer += `/${pointerSegment(String(p.additionalProperty))}`;
        expected = 'no such property (the object is closed)';
        break;
      case 'const':
        expected = JSON.stringify(p.allowedValue);
        break;
      case 'enum':
        expected = `one of ${JSON.stringify(p.allowedValues)}`;
        break;
      case 'pattern':
        expected = `a string matching /${String(p.pattern)}/`;
        break;
      case 'format':
        expected = `a string in ${String(p.format)} format`;
        break;
      case 'not': {
        const not = isObject(e.parentSchema) && isObject(e.parentSchema.not) ? this.files.derefAnywhere(e.parentSchema.not as JsonSchema) : undefined;
        expected = not && 'const' in not ? `anything but ${JSON.stringify(not.const)}` : 'a value its "not" schema refuses';
        break;
      }
      default:
        expected = (e.message ?? e.keyword).replace(/^must /, '');
    }
    // A missing property: show what came in its place, the object that lacks it.
    const came = e.keyword === 'required' ? `nothing, in ${excerpt(valueAt(body, e.instancePath))}` : excerpt(valueAt(body, pointer));
    return { operationId, pointer, expected, excerpt: came.length > 200 ? `${came.slice(0, 199)}…` : came, variant };
  }

  /**
   * JSON pointers of the fields of `body` that no response variant of the operation documents, whether or not
   * the variant's object is closed: a store adding fields is reported, not failed. Map-like objects (keys
   * documented by additionalProperties or patternProperties schemas) document any key.
   */
  undocumentedFields(routeOrOperationId: string, body: unknown): string[] {
    const { variants } = this.find(routeOrOperationId);
    const out: string[] = [];
    const roots: SchemaNode[] = [];
    for (const v of variants) this.files.expand(v.node, roots);
    this.walk(roots, body, '', out);
    return out;
  }

  /**
   * Where `body` lists the documented keys of an object marked x-key-order in another order than its `properties`
   * (one line per object). Undocumented keys are left to {@link undocumentedFields}, missing ones to the validators.
   */
  keyOrderProblems(routeOrOperationId: string, body: unknown): string[] {
    const { variants } = this.find(routeOrOperationId);
    const roots: SchemaNode[] = [];
    for (const v of variants) this.files.expand(v.node, roots);
    const problems: string[] = [];
    this.walk(roots, body, '', [], (nodes, value, pointer) => {
      for (const n of nodes) {
        if (n.schema[KEY_ORDER] !== true || !isObject(n.schema.properties)) continue;
        const documented = Object.keys(n.schema.properties);
        const given = Object.keys(value).filter((k) => documented.includes(k));
        const expected = documented.filter((k) => k in value);
        const at = given.findIndex((k, i) => k !== expected[i]);
        if (at >= 0) problems.push(`${pointer || '/'}: "${given[at]}" where the contract has "${expected[at]}" (key ${at + 1} of ${expected.length})`);
      }
    });
    return problems;
  }

  private readonly patterns = new Map<string, RegExp>();

  private pattern(source: string): RegExp {
    let re = this.patterns.get(source);
    if (!re) {
      re = new RegExp(source, 'u');
      this.patterns.set(source, re);
    }
    return re;
  }

  private walk(nodes: SchemaNode[], value: unknown, pointer: string, out: string[], onObject?: (nodes: SchemaNode[], value: Record<string, unknown>, pointer: string) => void): void {
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const children: SchemaNode[] = [];
        for (const n of nodes) {
          const prefix = n.schema.prefixItems;
          const s = Array.isArray(prefix) && i < prefix.length ? prefix[i] : n.schema.items;
          if (isObject(s)) this.files.expand({ schema: s, base: n.base }, children);
        }
        // Scalars in a list are values, not fields; an object or list nobody describes is undocumented whole.
        if (!isObject(item) && !Array.isArray(item)) return;
        const at = `${pointer}/${i}`;
        if (children.length) this.walk(children, item, at, out, onObject);
        else out.push(at);
      });
      return;
    }
    if (!isObject(value)) return;
    onObject?.(nodes, value, pointer);
    for (const [key, child] of Object.entries(value)) {
      const children: SchemaNode[] = [];
      for (const n of nodes) {
        const props = n.schema.properties;
        let found = false;
        if (isObject(props) && isObject(props[key])) {
          this.files.expand({ schema: props[key] as JsonSchema, base: n.base }, children);
          found = true;
        }
        const patterns = n.schema.patternProperties;
        if (isObject(patterns)) {
          for (const [re, s] of Object.entries(patterns)) {
            if (isObject(s) && this.pattern(re).test(key)) {
              this.files.expand({ schema: s, base: n.base }, children);
              found = true;
            }
          }
        }
        const extra = n.schema.additionalProperties;
        if (!found && isObject(extra)) this.files.expand({ schema: extra, base: n.base }, children);
      }
      const at = `${pointer}/${pointerSegment(key)}`;
      if (children.length === 0) out.push(at);
      else this.walk(children, child, at, out, onObject);
    }
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const media = contentType.split(';')[0].trim().toLowerCase();
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
}
