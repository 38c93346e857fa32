import fc from 'fast-check';
import { fromSchema, hostileString, hostileValue, type JsonSchema } from './hostile-values';

// Requests for one route of the server's own table: path parameters, query strings, bodies and headers from the
// route's OpenAPI description (generated from the same zod schemas the route validates with), bent in every way a
// client can bend them. `credential` names who the request claims to be; the test turns it into headers.

export const CREDENTIALS = [
  'none',
  'user',
  'admin',
  'userSession',
  'adminSession',
  'sessionWithoutCsrf',
  'userLowercaseBearer',
  'junkBearer',
  'basic',
] as const;
export type Credential = (typeof CREDENTIALS)[number];

export interface RouteUnderTest {
  method: string;
  /** As fastify registered it: `/api/explain/:messageId`, `/dashboard/*`. */
  url: string;
}

export interface FuzzRequest {
  method: string;
  route: string;
  url: string;
  credential: Credential;
  headers: Record<string, string>;
  payload?: string;
}

interface OpenApiOperation {
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

/** The route's operation in the OpenAPI document (HEAD is described by its GET). */
export function operationOf(doc: OpenApiDocument, route: RouteUnderTest): OpenApiOperation {
  const path = route.url.replace(/:(\w+)/g, '{$1}');
  const method = route.method === 'HEAD' ? 'get' : route.method.toLowerCase();
  return doc.paths[path]?.[method] ?? {};
}

function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, 'x')) + '%ED%A0%80'; // a lone surrogate, as bytes
  }
}

const rawSegment = fc.oneof(
  { arbitrary: hostileString.map(encodeSegment), weight: 6 },
  {
    arbitrary: fc.constantFrom('%00', 'a%00b', '%zz', '%', '..%2F..%2F', '%2F', '%C0%AF', '%ED%A0%80', '.'),
    weight: 2,
  },
);

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function queryArbitrary(params: { name: string; schema?: JsonSchema }[]): fc.Arbitrary<string> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of params) shape[p.name] = fromSchema(p.schema);
  return fc.oneof(
    {
      arbitrary: fc
        .tuple(
          fc.record(shape, { requiredKeys: [] }),
          fc.dictionary(fc.string({ maxLength: 8 }), hostileString, { maxKeys: 2 }),
          fc.boolean(),
        )
        .map(([known, extra, repeat]) => {
          const query = new URLSearchParams();
          for (const [key, value] of Object.entries({ ...extra, ...known })) {
            query.append(key, textOf(value));
            if (repeat) query.append(key, 'again');
          }
          const text = query.toString();
          return text ? `?${text}` : '';
        }),
      weight: 6,
    },
    {
      arbitrary: fc.constantFrom('?%zz', '?a=%00', '?=&&=', `?q=${'a'.repeat(9000)}`, '?__proto__[x]=1'),
      weight: 1,
    },
  );
}

const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '42',
  '{"a":',
  '\u0000',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  '\uFEFF{}',
];

function bodyArbitrary(schema: JsonSchema | undefined): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { arbitrary: fromSchema(schema).map((v) => JSON.stringify(v) ?? 'null'), weight: 8 },
    { arbitrary: fc.constantFrom(...RAW_BODIES), weight: 2 },
    { arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null'), weight: 1 },
    {
      arbitrary: fc
        .integer({ min: 100, max: 10_000 })
        .map((d) => (d % 2 ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d))),
      weight: 1,
    },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
}

const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/octet-stream',
  undefined,
);

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 300,
});
const extraHeader = fc.option(
  fc.tuple(
    fc.constantFrom(
      'x-forwarded-for',
      'x-csrf-token',
      'accept',
      'origin',
      'x-http-method-override',
      'cookie',
      'range',
    ),
    printable,
  ),
);

/** Requests for `route`, described by `operation`. */
export function routeRequests(route: RouteUnderTest, operation: OpenApiOperation): fc.Arbitrary<FuzzRequest> {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
  const wildcard = route.url.endsWith('*');
  const path = fc
    .tuple(
      fc.array(rawSegment, { minLength: names.length, maxLength: names.length }),
      fc.array(rawSegment, { maxLength: 3 }),
    )
    .map(([values, tail]) => {
      let i = 0;
      let url = route.url.replace(/:(\w+)/g, () => values[i++] ?? '');
      if (wildcard) url = url.slice(0, -1) + tail.join('/');
      if (route.url === '*') url = `/${tail.join('/')}`;
      return url;
    });
  const query = queryArbitrary((operation.parameters ?? []).filter((p) => p.in === 'query'));
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const hasBody = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
  const body = hasBody
    ? bodyArbitrary(schema)
    : fc.option(fc.constantFrom('{}', 'x'), { freq: 10 }).map((b) => b ?? undefined);
  return fc
    .record({
      path,
      query,
      credential: fc.constantFrom(...CREDENTIALS),
      payload: body,
      contentType,
      extra: extraHeader,
    })
    .map(({ path: p, query: q, credential, payload, contentType: type, extra }) => {
      const headers: Record<string, string> = {};
      if (payload !== undefined && type) headers['content-type'] = type;
      if (extra) headers[extra[0]] = extra[1];
      return {
        method: route.method,
        route: `${route.method} ${route.url}`,
        url: p + q,
        credential,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      };
    });
}
