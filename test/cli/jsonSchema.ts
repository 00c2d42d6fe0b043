/**
 * A tiny JSON Schema (draft-07 subset) validator for the SARIF test: `$ref` to `#/definitions/…`, `type` (one or
 * several), `enum`, `const`, `required`, `properties`, `additionalProperties` (boolean or schema), `items`, `minItems`,
 * `uniqueItems`, `minimum`, `maximum`, `pattern`, `anyOf`, and `format` `uri` / `uri-reference`. Returns every error
 * with its JSON path; an empty list means valid.
 */
export type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  uniqueItems?: boolean;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  anyOf?: Schema[];
  format?: string;
  definitions?: Record<string, Schema>;
  [k: string]: unknown;
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

function isUri(s: string): boolean {
  try {
    new URL(s);
    return /^[a-z][a-z0-9+.-]*:/i.test(s);
  } catch {
    return false;
  }
}

function isUriReference(s: string): boolean {
  // RFC 3986 relative references: no spaces or characters that must be percent-encoded.
  return !/[\s"<>\\^`{|}]/.test(s) && !/%(?![0-9a-f]{2})/i.test(s);
}

export function validate(root: Schema, value: unknown): string[] {
  let errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/definitions\/(.+)$/.exec(ref);
    const s = m ? root.definitions?.[m[1]!] : undefined;
    if (!s) throw new Error(`unresolvable $ref ${ref}`);
    return s;
  };
  const check = (schema: Schema, v: unknown, at: string): void => {
    if (schema.$ref) check(resolve(schema.$ref), v, at);
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? schema.type : [schema.type];
      if (!types.some((t) => typeMatches(v, t))) {
        errors.push(`${at}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if (schema.enum && !schema.enum.some((e) => e === v)) errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(schema.enum)}`);
    if ('const' in schema && schema.const !== v) errors.push(`${at}: must be ${JSON.stringify(schema.const)}`);
    if (typeof v === 'number') {
      if (schema.minimum !== undefined && v < schema.minimum) errors.push(`${at}: ${v} < minimum ${schema.minimum}`);
      if (schema.maximum !== undefined && v > schema.maximum) errors.push(`${at}: ${v} > maximum ${schema.maximum}`);
    }
    if (typeof v === 'string') {
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) errors.push(`${at}: does not match ${schema.pattern}`);
      if (schema.format === 'uri' && !isUri(v)) errors.push(`${at}: not an absolute URI: ${v}`);
      if (schema.format === 'uri-reference' && !isUriReference(v)) errors.push(`${at}: not a URI reference: ${v}`);
    }
    if (Array.isArray(v)) {
      if (schema.minItems !== undefined && v.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
      if (schema.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) errors.push(`${at}: items are not unique`);
      if (schema.items) v.forEach((x, i) => check(schema.items!, x, `${at}[${i}]`));
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      for (const r of schema.required ?? []) if (!(r in o)) errors.push(`${at}: missing required property "${r}"`);
      for (const [k, x] of Object.entries(o)) {
        const p = schema.properties?.[k];
        if (p) check(p, x, `${at}.${k}`);
        else if (schema.additionalProperties === false) errors.push(`${at}: property "${k}" is not allowed`);
        else if (typeof schema.additionalProperties === 'object') check(schema.additionalProperties, x, `${at}.${k}`);
      }
    }
    if (schema.anyOf) {
      const outer = errors;
      const branches = schema.anyOf.map((s) => {
        errors = [];
        check(s, v, at);
        return errors;
      });
      errors = outer;
      if (!branches.some((b) => b.length === 0)) errors.push(`${at}: matches none of anyOf (${branches.map((b) => b[0]).join('; ')})`);
    }
  };
  check(root, value, '$');
  return errors;
}
