/**
 * What the Salesforce emulator claims to do as Salesforce documents it, one row per behaviour: the endpoint, the
 * behaviour, the documentation page that says so, and a check over plain HTTP (the emulator's own tests and the
 * adapter's go through jsforce). A change to the emulator that breaks a documented shape fails here; a behaviour the
 * emulator adds must come with its row.
 */
import { createHmac } from 'node:crypto';
import { makeId, start, type Emulator, type StartOptions } from '.';

const REST = 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest';
const SOQL = 'https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl';
const OBJECTS = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference';
const HELP = 'https://help.salesforce.com/s/articleView?id=';
const V = '62.0';

let emu: Emulator;
let token: string;
afterEach(async () => {
  await emu.stop();
});

async function boot(options: StartOptions = {}) {
  emu = await start(options);
  token = emu.session().accessToken;
}

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checked row by row against documented shapes
  body: any;
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const url = path.startsWith('/services/') ? `${emu.url}${path}` : `${emu.url}/services/data/v${V}${path}`;
  const res = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // 414 and 431 answer HTML, as Salesforce's front end does.
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

const query = (soql: string, resource = 'query', headers: Record<string, string> = {}) =>
  call('GET', `/${resource}?q=${encodeURIComponent(soql)}`, undefined, headers);
const createMany = (records: Json[], allOrNone = false) =>
  call('POST', '/composite/sobjects', { allOrNone, records });
const codeOf = (a: Answer) => (a.body as { errorCode: string }[])[0]?.errorCode;

async function grant(params: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${emu.url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ client_id: emu.clientId, client_secret: emu.clientSecret, ...params }),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}
const refresh = (refreshToken: string) => grant({ grant_type: 'refresh_token', refresh_token: refreshToken });

/** The documented 18-character form: a suffix letter per 5-character chunk, a bit per upper-case letter. */
function caseSafe(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) if (/[A-Z]/.test(id15.charAt(chunk * 5 + i))) bits += 2 ** i;
    out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'.charAt(bits);
  }
  return id15 + out;
}

const rows: [string, string, string, StartOptions, () => Promise<void>][] = [
  [
    'GET /services/oauth2/authorize, POST /services/oauth2/token (authorization_code)',
    'a 302 to the callback with code and state; the token answer { access_token, refresh_token, signature, scope, instance_url, id, token_type, issued_at }, signature = Base64(HMAC-SHA256(client secret, id + issued_at))',
    `${HELP}sf.remoteaccess_oauth_web_server_flow.htm`,
    {},
    async () => {
      const redirect = 'http://127.0.0.1/cb';
      const authorize = await fetch(
        `${emu.url}/services/oauth2/authorize?${new URLSearchParams({
          response_type: 'code',
          client_id: emu.clientId,
          redirect_uri: redirect,
          state: 's1',
        })}`,
        { redirect: 'manual' },
      );
      expect(authorize.status).toBe(302);
      const back = new URL(authorize.headers.get('location') ?? '');
      expect(`${back.origin}${back.pathname}`).toBe(redirect);
      expect(back.searchParams.get('state')).toBe('s1');
      const t = await grant({
        grant_type: 'authorization_code',
        code: back.searchParams.get('code') ?? '',
        redirect_uri: redirect,
      });
      expect(t.status).toBe(200);
      expect(Object.keys(t.body).sort()).toEqual(
        [
          'access_token',
          'id',
          'instance_url',
          'issued_at',
          'refresh_token',
          'scope',
          'signature',
          'token_type',
        ].sort(),
      );
      expect(t.body).toMatchObject({ token_type: 'Bearer', instance_url: emu.url });
      expect(t.body.signature).toBe(
        createHmac('sha256', emu.clientSecret).update(`${t.body.id}${t.body.issued_at}`).digest('base64'),
      );
    },
  ],
  [
    'POST /services/oauth2/token (refresh_token)',
    'no new refresh_token without rotation; errors { error, error_description }: invalid_grant "expired access/refresh token", invalid_client_id, invalid_client',
    `${HELP}sf.remoteaccess_oauth_refresh_token_flow.htm`,
    {},
    async () => {
      const ok = await refresh(emu.session().refreshToken);
      expect(ok.status).toBe(200);
      expect(ok.body.refresh_token).toBeUndefined();
      expect(ok.body.access_token).toEqual(expect.any(String));
      const bad = await refresh('nope');
      expect([bad.status, bad.body]).toEqual([
        400,
        { error: 'invalid_grant', error_description: 'expired access/refresh token' },
      ]);
      const session = emu.session().refreshToken;
      expect(
        (await grant({ grant_type: 'refresh_token', refresh_token: session, client_id: 'x' })).body.error,
      ).toBe('invalid_client_id');
      expect(
        (await grant({ grant_type: 'refresh_token', refresh_token: session, client_secret: 'x' })).body.error,
      ).toBe('invalid_client');
    },
  ],
  [
    'POST /services/oauth2/token (refresh_token), rotation on',
    'each refresh answers a new refresh_token and the one used stops working; presenting it again revokes the current one',
    `${HELP}005316711&type=1 (Refresh Token Rotation)`,
    { rotateRefreshTokens: true },
    async () => {
      const first = emu.session().refreshToken;
      const next = await refresh(first);
      expect(next.body.refresh_token).toEqual(expect.any(String));
      expect(next.body.refresh_token).not.toBe(first);
      expect((await refresh(first)).body.error).toBe('invalid_grant');
      expect((await refresh(String(next.body.refresh_token))).body).toEqual({
        error: 'invalid_grant',
        error_description: 'expired access/refresh token',
      });
    },
  ],
  [
    'POST /services/oauth2/token (refresh_token)',
    'a second request with a refresh token whose request is being processed: 400 invalid_grant "token request is already being processed"',
    `${HELP}release-notes.rn_security_simultaneous_token_requests.htm (Summer '24; Winter '25 for the wording)`,
    { refreshProcessingMs: 1000 },
    async () => {
      const t = emu.session().refreshToken;
      const answers = await Promise.all([refresh(t), refresh(t)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
      expect(answers.find((a) => a.status === 400)?.body).toEqual({
        error: 'invalid_grant',
        error_description: 'token request is already being processed',
      });
    },
  ],
  [
    'every REST resource',
    'errors are arrays [{ message, errorCode }]: 401 INVALID_SESSION_ID "Session expired or invalid" for an unknown token, 404 NOT_FOUND',
    `${REST}/errorcodes.htm`,
    {},
    async () => {
      token = 'not-a-token';
      const denied = await call('GET', '/limits');
      expect([denied.status, denied.body]).toEqual([
        401,
        [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
      ]);
      token = emu.session().accessToken;
      const missing = await call('GET', `/sobjects/Contact/${makeId('003', 999_999)}`);
      expect([missing.status, codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
    },
  ],
  [
    'GET /services/data, GET …/limits, every REST answer',
    'Sforce-Limit-Info: api-usage=N/M; /limits DailyApiRequests { Max, Remaining }; past the allowance 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded."; OAuth and the versions list are not counted',
    `${REST}/headers_api_usage.htm, ${REST}/resources_limits.htm`,
    { dailyApiLimit: 3 },
    async () => {
      const versions = await call('GET', '/services/data');
      expect(versions.body).toEqual([
        expect.objectContaining({ version: expect.any(String), url: expect.any(String) }),
      ]);
      await refresh(emu.session().refreshToken);
      const limits = await call('GET', '/limits');
      expect(limits.headers.get('sforce-limit-info')).toBe('api-usage=1/3');
      expect(limits.body.DailyApiRequests).toEqual({ Max: 3, Remaining: 2 });
      await call('GET', '/limits');
      await call('GET', '/limits');
      const over = await call('GET', '/limits');
      expect([over.status, over.body]).toEqual([
        403,
        [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
      ]);
    },
  ],
  [
    'GET …/query?q=, …/query/{locator}',
    '{ totalSize, done, nextRecordsUrl?, records: [{ attributes: { type, url }, …fields }] }, 2,000 rows a batch, nextRecordsUrl /services/data/vXX.X/query/01g…-2000',
    `${REST}/resources_query.htm`,
    {},
    async () => {
      for (let i = 0; i < 2001; i++) emu.store.insert('Contact', { LastName: `P${i}` });
      const first = await query('SELECT Id, LastName FROM Contact');
      expect(first.body).toMatchObject({ totalSize: 2001, done: false });
      expect(first.body.records).toHaveLength(2000);
      expect(first.body.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${V}/query/01g\\w+-2000$`));
      const row = first.body.records[0];
      expect(Object.keys(row)).toEqual(['attributes', 'Id', 'LastName']);
      expect(row.attributes).toEqual({
        type: 'Contact',
        url: `/services/data/v${V}/sobjects/Contact/${row.Id}`,
      });
      const last = await call('GET', first.body.nextRecordsUrl);
      expect(last.body).toMatchObject({ totalSize: 2001, done: true });
      expect(last.body.records).toHaveLength(1);
      expect(last.body.nextRecordsUrl).toBeUndefined();
      const gone = await call('GET', `/query/01gNOPE-2000`);
      expect([gone.status, codeOf(gone)]).toEqual([400, 'INVALID_QUERY_LOCATOR']);
    },
  ],
  [
    'GET …/query?q= with Sforce-Query-Options',
    'batchSize=N honoured within 200..2,000',
    `${REST}/headers_queryoptions.htm`,
    {},
    async () => {
      for (let i = 0; i < 2100; i++) emu.store.insert('Contact', { LastName: `P${i}` });
      const size = async (n: number) =>
        (await query('SELECT Id FROM Contact', 'query', { 'Sforce-Query-Options': `batchSize=${n}` })).body
          .records.length;
      expect([await size(500), await size(50), await size(5000)]).toEqual([500, 200, 2000]);
    },
  ],
  [
    'GET …/queryAll?q=',
    'deleted rows (IsDeleted = true) only through queryAll; its next page is linked as …/query/{locator} and still holds them',
    `${REST}/resources_queryall.htm`,
    {},
    async () => {
      for (let i = 0; i < 2001; i++) emu.store.insert('Contact', { LastName: `P${i}`, IsDeleted: i >= 2000 });
      expect((await query('SELECT Id FROM Contact')).body.totalSize).toBe(2000);
      const all = await query('SELECT Id, IsDeleted FROM Contact', 'queryAll');
      expect(all.body.totalSize).toBe(2001);
      expect(all.body.nextRecordsUrl).toMatch(new RegExp(`^/services/data/v${V}/query/`));
      const next = await call('GET', all.body.nextRecordsUrl);
      expect(next.body.records).toEqual([expect.objectContaining({ IsDeleted: true })]);
    },
  ],
  [
    'GET …/query?q= (SOQL)',
    'refusals: MALFORMED_QUERY (AND and OR mixed without parentheses), INVALID_FIELD "No such column", INVALID_TYPE, long text in WHERE (INVALID_FIELD), OFFSET over 2,000 (NUMBER_OUTSIDE_VALID_RANGE)',
    `${SOQL}/sforce_api_calls_soql_select_conditionexpression.htm, ${SOQL}/sforce_api_calls_soql_select_offset.htm`,
    {},
    async () => {
      const code = async (soql: string) => {
        const a = await query(soql);
        expect(a.status).toBe(400);
        return codeOf(a);
      };
      expect(
        await code("SELECT Id FROM Contact WHERE Email = 'a' AND LastName = 'b' OR LastName = 'c'"),
      ).toBe('MALFORMED_QUERY');
      const unknown = await query('SELECT Id, Nope__c FROM Contact');
      expect(unknown.body[0]).toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringContaining("No such column 'Nope__c' on entity 'Contact'"),
      });
      expect(await code('SELECT Id FROM Nope__c')).toBe('INVALID_TYPE');
      expect(await code("SELECT Id FROM Task WHERE Description = 'x'")).toBe('INVALID_FIELD');
      expect(await code('SELECT Id FROM Contact LIMIT 10 OFFSET 2001')).toBe('NUMBER_OUTSIDE_VALID_RANGE');
    },
  ],
  [
    'GET …/query?q= (SOQL ORDER BY)',
    'null values are sorted first by default, in descending order too; NULLS LAST puts them last',
    `${SOQL}/sforce_api_calls_soql_select_orderby.htm`,
    {},
    async () => {
      emu.store.insert('Contact', { LastName: 'HasMail', Email: 'a@x.com' });
      emu.store.insert('Contact', { LastName: 'NoMail' });
      const order = async (by: string) =>
        (await query(`SELECT LastName FROM Contact ORDER BY ${by}`)).body.records.map(
          (r: { LastName: string }) => r.LastName,
        );
      expect(await order('Email ASC')).toEqual(['NoMail', 'HasMail']);
      expect(await order('Email DESC')).toEqual(['NoMail', 'HasMail']);
      expect(await order('Email DESC NULLS LAST')).toEqual(['HasMail', 'NoMail']);
    },
  ],
  [
    'any REST resource',
    'a URI over 16,384 bytes answers 414, URI and headers over 16,384 bytes 431; a SOQL statement over 100,000 characters is MALFORMED_QUERY',
    `${HELP}000386264&type=1, https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_soslsoql.htm`,
    {},
    async () => {
      const long = await query(`SELECT Id FROM Contact WHERE LastName = '${'a'.repeat(16_400)}'`);
      expect(long.status).toBe(414);
      const crowded = await query(`SELECT Id FROM Contact WHERE LastName = '${'a'.repeat(9_000)}'`, 'query', {
        'x-padding': 'b'.repeat(8_000),
      });
      expect(crowded.status).toBe(431);
      await emu.stop();
      await boot({ maxUriBytes: 400_000 });
      const big = await query(`SELECT Id FROM Contact WHERE LastName = '${'a'.repeat(100_000)}'`);
      expect([big.status, codeOf(big)]).toEqual([400, 'MALFORMED_QUERY']);
    },
  ],
  [
    'GET …/search?q= (SOSL)',
    '{ searchRecords: [...] }; an unescaped reserved character or a one-character term is MALFORMED_SEARCH',
    `${REST}/resources_search.htm, ${SOQL}/sforce_api_calls_sosl_find.htm`,
    {},
    async () => {
      emu.store.insert('Contact', { LastName: 'Quixote', Email: 'don@rank.test' });
      const found = await call(
        'GET',
        `/search?q=${encodeURIComponent('FIND {quixote} RETURNING Contact(Id, Email)')}`,
      );
      expect(found.body).toEqual({
        searchRecords: [
          expect.objectContaining({
            attributes: expect.objectContaining({ type: 'Contact' }),
            Email: 'don@rank.test',
          }),
        ],
      });
      for (const sosl of ["FIND {O'Brien} RETURNING Contact(Id)", 'FIND {a} RETURNING Contact(Id)']) {
        const refused = await call('GET', `/search?q=${encodeURIComponent(sosl)}`);
        expect([refused.status, codeOf(refused)]).toEqual([400, 'MALFORMED_SEARCH']);
      }
    },
  ],
  [
    'POST …/composite/sobjects',
    'at most 200 records (EXCEEDED_ID_LIMIT); one SaveResult { id, success, errors: [{ statusCode, message, fields }] } per record, in order; allOrNone rolls back and the valid records answer ALL_OR_NONE_OPERATION_ROLLED_BACK',
    `${REST}/resources_composite_sobjects_collections_create.htm`,
    {},
    async () => {
      const many = Array.from({ length: 201 }, (_, i) => ({
        attributes: { type: 'Contact' },
        LastName: `L${i}`,
      }));
      const tooMany = await createMany(many);
      expect([tooMany.status, codeOf(tooMany)]).toEqual([400, 'EXCEEDED_ID_LIMIT']);
      const mixed = await createMany([
        { attributes: { type: 'Contact' }, LastName: 'Ok' },
        { attributes: { type: 'Contact' }, FirstName: 'No last name' },
      ]);
      expect(mixed.status).toBe(200);
      expect(mixed.body).toEqual([
        { id: expect.stringMatching(/^003\w{15}$/), success: true, errors: [] },
        {
          success: false,
          errors: [
            { statusCode: 'REQUIRED_FIELD_MISSING', message: expect.any(String), fields: ['LastName'] },
          ],
        },
      ]);
      const before = emu.store.all('Contact').length;
      const rolled = await createMany(
        [
          { attributes: { type: 'Contact' }, LastName: 'Ok' },
          { attributes: { type: 'Contact' }, FirstName: 'No last name' },
        ],
        true,
      );
      expect(rolled.body[0]).toEqual({
        success: false,
        errors: [expect.objectContaining({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' })],
      });
      expect(emu.store.all('Contact').length).toBe(before);
    },
  ],
  [
    'PATCH …/composite/sobjects/{Type}/{externalIdField}',
    'an upsert SaveResult adds created (true, then false for the same external id)',
    `${REST}/resources_composite_sobjects_collections_upsert.htm`,
    {},
    async () => {
      const upsert = () =>
        call('PATCH', '/composite/sobjects/Task/Liaison_Message_Id__c', {
          allOrNone: false,
          records: [{ attributes: { type: 'Task' }, Subject: 'S', Liaison_Message_Id__c: 'k-1' }],
        });
      expect((await upsert()).body).toEqual([
        { id: expect.stringMatching(/^00T/), success: true, errors: [], created: true },
      ]);
      expect((await upsert()).body).toEqual([expect.objectContaining({ success: true, created: false })]);
    },
  ],
  [
    'POST …/composite/sobjects (per-record validation)',
    'DUPLICATE_VALUE on the unique external id (case-insensitive), STRING_TOO_LONG (Task Subject 255, EmailMessage Subject 3,000), INVALID_EMAIL_ADDRESS, MALFORMED_ID, FIELD_INTEGRITY_EXCEPTION (id of the wrong object), INVALID_CROSS_REFERENCE_KEY, INVALID_FIELD, INVALID_FIELD_FOR_INSERT_UPDATE, EmailMessage.Status required and a restricted picklist',
    `${REST}/errorcodes.htm, ${OBJECTS}/sforce_api_objects_task.htm, ${OBJECTS}/sforce_api_objects_emailmessage.htm`,
    {},
    async () => {
      const account = emu.store.insert('Account', { Name: 'Acme' });
      const codes = async (records: Json[]) =>
        ((await createMany(records)).body as { errors: { statusCode: string }[] }[]).map(
          (r) => r.errors[0]?.statusCode ?? 'OK',
        );
      const task = (fields: Json) => ({ attributes: { type: 'Task' }, ...fields });
      const email = (fields: Json) => ({ attributes: { type: 'EmailMessage' }, Status: '3', ...fields });
      expect(
        await codes([
          task({ Liaison_Message_Id__c: 'Key-A' }),
          task({ Liaison_Message_Id__c: 'key-a' }),
          task({ Subject: 'x'.repeat(255) }),
          task({ Subject: 'x'.repeat(256) }),
          email({ Subject: 'x'.repeat(3000) }),
          email({ Subject: 'x'.repeat(3001) }),
          { attributes: { type: 'Contact' }, LastName: 'L', Email: 'not-an-address' },
          task({ WhoId: 'nope' }),
          task({ WhoId: account.Id }),
          task({ WhoId: makeId('003', 999_999) }),
          task({ Nope__c: 'x' }),
          { attributes: { type: 'Contact' }, LastName: 'L', Name: 'Full' },
          { attributes: { type: 'EmailMessage' }, Subject: 'no status' },
          email({ Status: '9' }),
        ]),
      ).toEqual([
        'OK',
        'DUPLICATE_VALUE',
        'OK',
        'STRING_TOO_LONG',
        'OK',
        'STRING_TOO_LONG',
        'INVALID_EMAIL_ADDRESS',
        'MALFORMED_ID',
        'FIELD_INTEGRITY_EXCEPTION',
        'INVALID_CROSS_REFERENCE_KEY',
        'INVALID_FIELD',
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        'REQUIRED_FIELD_MISSING',
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      ]);
    },
  ],
  [
    'POST …/sobjects/Task, …/composite/sobjects (TaskRelation)',
    "a Task's WhoId and WhatId are TaskRelation rows (Shared Activities); a task names up to 50 contacts, beyond that FIELD_INTEGRITY_EXCEPTION (the code is an assumption)",
    `${OBJECTS}/sforce_api_objects_taskrelation.htm`,
    {},
    async () => {
      const account = emu.store.insert('Account', { Name: 'Acme' });
      const contacts = Array.from(
        { length: 51 },
        (_, i) => emu.store.insert('Contact', { LastName: `C${i}` }).Id,
      );
      const made = await call('POST', '/sobjects/Task', {
        Subject: 'S',
        WhoId: contacts[0],
        WhatId: account.Id,
      });
      expect(made.status).toBe(201);
      expect(made.body).toEqual({ id: expect.stringMatching(/^00T/), success: true, errors: [] });
      const relations = await query(
        `SELECT RelationId, IsWhat FROM TaskRelation WHERE TaskId = '${made.body.id}'`,
      );
      expect(relations.body.records.map((r: Json) => [r.RelationId, r.IsWhat]).sort()).toEqual(
        [
          [account.Id, true],
          [contacts[0], false],
        ].sort(),
      );
      const more = await createMany(
        contacts
          .slice(1)
          .map((id) => ({ attributes: { type: 'TaskRelation' }, TaskId: made.body.id, RelationId: id })),
      );
      const codes = (more.body as { success: boolean; errors: { statusCode: string }[] }[]).map((r) =>
        r.success ? 'OK' : r.errors[0]?.statusCode,
      );
      expect(codes.slice(0, 49).every((c) => c === 'OK')).toBe(true);
      expect(codes[49]).toBe('FIELD_INTEGRITY_EXCEPTION');
    },
  ],
  [
    'POST …/sobjects/ContentVersion',
    'a new ContentVersion (VersionData base64, PathOnClient) makes its ContentDocument, a link to the owner (ShareType I) and, with FirstPublishLocationId, to that record (ShareType V)',
    `${OBJECTS}/sforce_api_objects_contentversion.htm, https://developer.salesforce.com/docs/platform/api-rest/guide/dome-sobject-insert-update-blob.html`,
    {},
    async () => {
      const account = emu.store.insert('Account', { Name: 'Acme' });
      const made = await call('POST', '/sobjects/ContentVersion', {
        Title: 'a.txt',
        PathOnClient: 'a.txt',
        VersionData: Buffer.from('hello').toString('base64'),
        FirstPublishLocationId: account.Id,
      });
      expect(made.status).toBe(201);
      const version = await query(
        `SELECT ContentDocumentId, ContentSize, FileExtension, IsLatest FROM ContentVersion WHERE Id = '${made.body.id}'`,
      );
      const v = version.body.records[0];
      expect(v).toMatchObject({ ContentSize: 5, FileExtension: 'txt', IsLatest: true });
      const links = await query(
        `SELECT LinkedEntityId, ShareType FROM ContentDocumentLink WHERE ContentDocumentId = '${v.ContentDocumentId}'`,
      );
      expect(links.body.records.map((l: Json) => [l.LinkedEntityId, l.ShareType]).sort()).toEqual(
        [
          [emu.store.defaultUserId, 'I'],
          [account.Id, 'V'],
        ].sort(),
      );
      const blob = await query("SELECT Id FROM ContentVersion WHERE VersionData = 'x'");
      expect(codeOf(blob)).toBe('INVALID_FIELD');
    },
  ],
  [
    'every record',
    'ids are 18 characters, the 15-character id plus its case-safe suffix; a query takes either form',
    'https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm#i1435616 (ID Field Type)',
    {},
    async () => {
      const made = await call('POST', '/sobjects/Account', { Name: 'Acme' });
      const id = String(made.body.id);
      expect(id).toHaveLength(18);
      expect(id).toBe(caseSafe(id.slice(0, 15)));
      const by15 = await query(`SELECT Id FROM Account WHERE Id = '${id.slice(0, 15)}'`);
      expect(by15.body.records.map((r: Json) => r.Id)).toEqual([id]);
    },
  ],
  [
    'GET …/sobjects/{Type}/describe',
    "fields with name, type, nillable, createable, updateable, filterable, externalId, unique, caseSensitive, length, referenceTo, relationshipName; Task's Message-ID field a unique external id, case-insensitive",
    `${REST}/resources_sobject_describe.htm`,
    {},
    async () => {
      const d = await call('GET', '/sobjects/Task/describe');
      expect(d.body).toMatchObject({ name: 'Task', keyPrefix: '00T' });
      const field = (name: string) => (d.body.fields as Json[]).find((f) => f.name === name);
      expect(field('Liaison_Message_Id__c')).toMatchObject({
        type: 'string',
        unique: true,
        externalId: true,
        caseSensitive: false,
        length: 255,
      });
      expect(field('Description')).toMatchObject({ type: 'textarea', filterable: false, length: 32_000 });
      expect(field('WhoId')).toMatchObject({ referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' });
      expect(field('Id')).toMatchObject({ createable: false, updateable: false, nillable: true });
    },
  ],
  [
    'GET …/query?q=, POST …/sobjects/Task (an org without the Message-ID field)',
    "a field that does not exist (or the user cannot see): INVALID_FIELD \"No such column 'X' on entity 'Task'\" in SOQL, \"No such column 'X' on sobject of type Task\" on a write",
    `${REST}/errorcodes.htm, ${SOQL}/sforce_api_calls_soql_select_fields.htm`,
    { taskExternalIdField: null },
    async () => {
      const read = await query("SELECT Id FROM Task WHERE Liaison_Message_Id__c = 'k'");
      expect(read.status).toBe(400);
      expect(read.body[0]).toMatchObject({
        errorCode: 'INVALID_FIELD',
        message: expect.stringMatching(/^No such column 'Liaison_Message_Id__c' on entity 'Task'\./),
      });
      const write = await call('POST', '/sobjects/Task', { Subject: 'S', Liaison_Message_Id__c: 'k' });
      expect([write.status, write.body]).toEqual([
        400,
        [
          {
            errorCode: 'INVALID_FIELD',
            message: "No such column 'Liaison_Message_Id__c' on sobject of type Task",
            fields: ['Liaison_Message_Id__c'],
          },
        ],
      ]);
      const d = await call('GET', '/sobjects/Task/describe');
      expect((d.body.fields as Json[]).map((f) => f.name)).not.toContain('Liaison_Message_Id__c');
    },
  ],
  [
    'POST …/composite/sobjects (Event)',
    'a timed event takes StartDateTime and EndDateTime (or DurationInMinutes; REQUIRED_FIELD_MISSING with neither; FIELD_INTEGRITY_EXCEPTION when they disagree, the code is an assumption); an all-day one ActivityDate and DurationInMinutes, a day by default; ShowAs a restricted picklist',
    `${OBJECTS}/sforce_api_objects_event.htm`,
    {},
    async () => {
      const res = await createMany([
        {
          attributes: { type: 'Event' },
          Subject: 'T',
          StartDateTime: '2030-01-02T10:00:00Z',
          EndDateTime: '2030-01-02T11:15:00Z',
        },
        { attributes: { type: 'Event' }, Subject: 'D', IsAllDayEvent: true, ActivityDate: '2030-01-03' },
        { attributes: { type: 'Event' }, Subject: 'N', StartDateTime: '2030-01-02T10:00:00Z' },
        {
          attributes: { type: 'Event' },
          Subject: 'X',
          StartDateTime: '2030-01-02T10:00:00Z',
          EndDateTime: '2030-01-02T11:00:00Z',
          DurationInMinutes: 30,
        },
        {
          attributes: { type: 'Event' },
          Subject: 'S',
          StartDateTime: '2030-01-02T10:00:00Z',
          DurationInMinutes: 5,
          ShowAs: 'Maybe',
        },
      ]);
      const out = res.body as { success: boolean; id?: string; errors: { statusCode: string }[] }[];
      expect(out.map((r) => (r.success ? 'OK' : r.errors[0]?.statusCode))).toEqual([
        'OK',
        'OK',
        'REQUIRED_FIELD_MISSING',
        'FIELD_INTEGRITY_EXCEPTION',
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      ]);
      const rows = await query(
        `SELECT Subject, DurationInMinutes, ActivityDate, IsAllDayEvent, ShowAs FROM Event WHERE Id IN ('${out[0]?.id}', '${out[1]?.id}') ORDER BY Subject`,
      );
      expect(
        rows.body.records.map((r: Json) => [
          r.Subject,
          r.DurationInMinutes,
          r.ActivityDate,
          r.IsAllDayEvent,
          r.ShowAs,
        ]),
      ).toEqual([
        ['D', 1440, '2030-01-03', true, 'Busy'],
        ['T', 75, '2030-01-02', false, 'Busy'],
      ]);
      // An update moving the start keeps the duration; PATCH in collections answers per record.
      const moved = await call('PATCH', '/composite/sobjects', {
        allOrNone: false,
        records: [{ attributes: { type: 'Event' }, id: out[0]?.id, StartDateTime: '2030-01-05T08:00:00Z' }],
      });
      expect(moved.body).toEqual([{ id: out[0]?.id, success: true, errors: [] }]);
      expect(emu.store.get('Event', String(out[0]?.id))).toMatchObject({
        EndDateTime: '2030-01-05T09:15:00.000+0000',
      });
    },
  ],
  [
    'POST …/composite/sobjects (Event, EventRelation)',
    "with Shared Activities an event's WhoId is an EventRelation with IsParent, its WhatId one with IsWhat; more people are IsParent rows (up to 50 contacts or one lead), invitees IsInvitee rows (IsInvitee defaulted true); a repeated pair is DUPLICATE_VALUE (an assumption)",
    `${OBJECTS}/sforce_api_objects_eventrelation.htm`,
    {},
    async () => {
      const account = emu.store.insert('Account', { Name: 'Acme' });
      const contacts = Array.from(
        { length: 51 },
        (_, i) => emu.store.insert('Contact', { LastName: `C${i}` }).Id,
      );
      const user = emu.store.insert('User', { LastName: 'Kim', Email: 'kim@ourco.com' }).Id;
      const made = await call('POST', '/sobjects/Event', {
        Subject: 'M',
        StartDateTime: '2030-01-02T10:00:00Z',
        DurationInMinutes: 30,
        WhoId: contacts[0],
        WhatId: account.Id,
      });
      expect(made.body).toEqual({ id: expect.stringMatching(/^00U/), success: true, errors: [] });
      const rel = (fields: Json) => ({
        attributes: { type: 'EventRelation' },
        EventId: made.body.id,
        ...fields,
      });
      const more = await createMany([
        rel({ RelationId: user }),
        ...contacts.slice(1).map((id) => rel({ RelationId: id, IsParent: true, IsInvitee: false })),
        rel({ RelationId: user }),
      ]);
      const codes = (more.body as { success: boolean; errors: { statusCode: string }[] }[]).map((r) =>
        r.success ? 'OK' : r.errors[0]?.statusCode,
      );
      expect(codes[0]).toBe('OK');
      expect(codes.slice(1, 50).every((c) => c === 'OK')).toBe(true);
      expect(codes.slice(50)).toEqual(['FIELD_INTEGRITY_EXCEPTION', 'DUPLICATE_VALUE']);
      const relations = await query(
        `SELECT RelationId, IsParent, IsWhat, IsInvitee FROM EventRelation WHERE EventId = '${made.body.id}' AND (IsWhat = true OR RelationId IN ('${contacts[0]}', '${user}'))`,
      );
      expect(
        relations.body.records.map((r: Json) => [r.RelationId, r.IsParent, r.IsWhat, r.IsInvitee]).sort(),
      ).toEqual(
        [
          [account.Id, false, true, false],
          [contacts[0], true, false, false],
          [user, false, false, true],
        ].sort(),
      );
    },
  ],
  [
    'GET …/sobjects/Event/describe, …/query',
    "Event's key field (eventExternalIdField, `Liaison_Event_Key__c` by default) is a unique External ID; `null` leaves it out: queries naming it answer INVALID_FIELD",
    `${HELP}sf.custom_field_attributes.htm`,
    { eventExternalIdField: null },
    async () => {
      const d = await call('GET', '/sobjects/Event/describe');
      expect((d.body.fields as Json[]).map((f) => f.name)).not.toContain('Liaison_Event_Key__c');
      const q = await query("SELECT Id FROM Event WHERE Liaison_Event_Key__c IN ('k')");
      expect([q.status, codeOf(q)]).toEqual([400, 'INVALID_FIELD']);
    },
  ],
];

test.each(rows)('%s: %s (%s)', async (_endpoint, _behaviour, _page, options, check) => {
  await boot(options);
  await check();
});
