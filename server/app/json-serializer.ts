import fastJson from 'fast-json-stringify';
import { z } from 'zod';

// A response written by fast-json-stringify from the JSON Schema of its zod schema, for a hot route: only the
// schema's properties go out (as zod's check strips the rest) and a missing required property still fails, while
// the types were checked where the answer was built (the handler's return type is the schema's). zod's check of
// every answer, then JSON.stringify, cost the sidebar several per cent of its CPU under load. For schemas without
// unions or transforms (fast-json-stringify would have to validate to pick a branch of a union).

export function jsonSerializerOf(schema: z.ZodType): (data: unknown) => string {
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
  if (/"(anyOf|oneOf|allOf|not|if)"/.test(JSON.stringify(json)))
    throw new Error('jsonSerializerOf takes schemas without unions or conditions');
  return fastJson(json as Parameters<typeof fastJson>[0]);
}
