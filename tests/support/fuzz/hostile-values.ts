import fc from 'fast-check';

// Values a hostile or broken client sends: wrong types, very long and unicode strings, NUL bytes, lone surrogates,
// address-like and path-like text, deep nesting. The schema walker (`fromSchema`) sends what a route expects most of
// the time, so requests get past validation into the handlers, and something else the rest of the time.

/** Parts of an OpenAPI schema the walker reads (fastify-swagger's output for the zod schemas). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '<a\u0000b@example.com>',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  '😀'.repeat(40),
  'Ünïcödé ДЖ 中文 العربية',
  'a@b.com',
  'sam@ourco.com',
  'jane.doe@acme.com',
  '<id-1@example.com>',
  'id-1@example.com',
  '"quoted"@example.com',
  'acme.com',
  '*.acme.com',
  '@acme.com',
  '../../etc/passwd',
  '%00',
  '%zz',
  '\\',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  'null',
  'true',
  '1e309',
  '-1',
  '0',
  '9999999999999999999999',
  '2026-01-01T00:00:00Z',
  'not-a-date',
  'con-jane-doe',
  'acc-acme',
  'usr-sam',
  'contact',
  'lead',
  'full',
  'x'.repeat(300),
  'y'.repeat(70_000),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SPECIAL_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: fc.emailAddress(), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', '\u0000', 'é', '@', '<'), fc.integer({ min: 1000, max: 20_000 }))
      .map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
);

/** Nested arrays or objects `depth` levels deep. */
export function nested(depth: number, object: boolean): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < depth; i++) value = object ? { a: value } : [value];
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
  { arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }), weight: 1 },
  {
    arbitrary: fc.tuple(fc.integer({ min: 10, max: 2000 }), fc.boolean()).map(([d, o]) => nested(d, o)),
    weight: 1,
  },
);

function plausible(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => fromSchema(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {}))
        shape[key] = fromSchema(value, depth + 1);
      const known = fc.record(shape, { requiredKeys: [] });
      return fc.oneof(
        { arbitrary: known, weight: 4 },
        {
          arbitrary: fc
            .tuple(known, fc.dictionary(hostileString, hostileValue, { maxKeys: 2 }))
            .map(([a, b]) => ({ ...b, ...(a as object) })),
          weight: 1,
        },
      );
    }
    case 'array':
      return fc.array(schema.items ? fromSchema(schema.items, depth + 1) : hostileValue, { maxLength: 4 });
    case 'string':
      if (schema.format === 'email') return fc.oneof(fc.emailAddress(), hostileString);
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      return hostileString;
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1000 }),
        fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53),
      );
    case 'number':
      return fc.oneof(fc.double({ noNaN: true }), fc.integer());
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return hostileValue;
  }
}

/** What the schema asks for most of the time (with hostile strings), another type or shape the rest. */
export function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return hostileValue;
  return fc.oneof({ arbitrary: plausible(schema, depth), weight: 5 }, { arbitrary: hostileValue, weight: 1 });
}
