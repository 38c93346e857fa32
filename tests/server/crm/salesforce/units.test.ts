/** Pure pieces: query chunking, literals, activity links, configuration. */
import fc from 'fast-check';
import { chunkQueries, MAX_SOQL_CHARS } from '../../../../server/crm/salesforce/query-chunks';
import { activityLinks, activityDate } from '../../../../server/crm/salesforce/activity-records';
import { messageKey } from '../../../../server/crm/salesforce/record-refs';
import { resolveOptions } from '../../../../server/crm/salesforce/salesforce-options';
import { salesforceConfigFromEnv, soqlLike, soqlString, soslTerm } from '../../../../server/crm/salesforce';
import { classifyError } from '../../../../server/crm/salesforce/salesforce-errors';

describe('chunkQueries', () => {
  const build = (chunk: string[]) =>
    `SELECT Id FROM Contact WHERE Email IN (${chunk.map(soqlString).join(', ')}) OR X IN (${chunk.map(soqlString).join(', ')})`;

  it('keeps every value, in order, and every statement within the encoded limit, values too long alone left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), { maxLength: 200 }),
        fc.integer({ min: 400, max: 3000 }),
        (values, max) => {
          const out = chunkQueries(values, build, max);
          for (const soql of out) expect(encodeURIComponent(soql).length).toBeLessThanOrEqual(max);
          const fits = values.filter((v) => encodeURIComponent(build([v])).length <= max);
          const kept = out.flatMap((soql) => {
            const m = /IN \(([\s\S]*?)\) OR X/.exec(soql);
            return m ? m[1] : [];
          });
          expect(kept.join(', ')).toBe(fits.map(soqlString).join(', '));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fills each statement: the next value would not have fitted', () => {
    const values = Array.from({ length: 500 }, (_, i) => `person.${i}@example.com`);
    const out = chunkQueries(values, build, 5000);
    expect(out.length).toBeGreaterThan(1);
    let used = 0;
    for (const soql of out.slice(0, -1)) {
      const n = (soql.match(/@/g) ?? []).length / 2;
      expect(encodeURIComponent(build(values.slice(used, used + n + 1))).length).toBeGreaterThan(5000);
      used += n;
    }
  });

  it('respects the raw SOQL length too', () => {
    const values = Array.from({ length: 3000 }, (_, i) => `a${i}`.padEnd(60, 'x'));
    for (const soql of chunkQueries(values, build, 10_000_000))
      expect(soql.length).toBeLessThanOrEqual(MAX_SOQL_CHARS);
  });
});

describe('literals', () => {
  it('escapes quotes, backslashes and control characters; LIKE wildcards too', () => {
    expect(soqlString(`O'Brien \\ "x"\n`)).toBe(`'O\\'Brien \\\\ \\"x\\"\\n'`);
    expect(soqlLike('100%_a', '%', '%')).toBe(`'%100\\%\\_a%'`);
    expect(soslTerm('a-b:c*')).toBe('a\\-b\\:c\\*');
    // Line separators go in the documented \uXXXX form, which a Java or JavaScript lexer cannot misread.
    expect(soqlString('a\u2028b\u2029')).toBe(`'a\\u2028b\\u2029'`);
    expect(soqlLike('\u2028%', '', '%')).toBe(`'\\u2028\\%%'`);
  });
});

describe('activity links', () => {
  const c = (id: string) => ({ kind: 'contact' as const, id });
  const l = (id: string) => ({ kind: 'lead' as const, id });
  const base = {
    messageId: 'm',
    subject: '',
    body: '',
    date: '2025-01-01T00:00:00Z',
    mode: 'automatic' as const,
  };

  it('contacts first (at most 50), a lead alone, no WhatId on a lead', () => {
    expect(
      activityLinks({
        ...base,
        who: [l('L1'), c('C1'), c('C2'), c('C1')],
        what: { kind: 'account', id: 'A' },
      }),
    ).toEqual({
      primary: c('C1'),
      others: [c('C2')],
      what: { kind: 'account', id: 'A' },
    });
    expect(activityLinks({ ...base, who: [l('L1'), l('L2')], what: { kind: 'account', id: 'A' } })).toEqual({
      primary: l('L1'),
      others: [],
    });
    const many = Array.from({ length: 60 }, (_, i) => c(`C${i}`));
    expect(activityLinks({ ...base, who: many }).others).toHaveLength(49);
  });

  it('ActivityDate is the UTC day; Message-IDs keep one form, long ones a digest', () => {
    expect(activityDate('2025-03-04T23:30:00-02:00')).toBe('2025-03-05');
    expect(messageKey(' <abc@x> ')).toBe('<abc@x>');
    expect(messageKey('abc@x')).toBe('<abc@x>');
    expect(messageKey('<>')).toBe('');
    expect(messageKey(`${'a'.repeat(300)}@x`)).toMatch(/^<sha256:[0-9a-f]{64}>$/);
  });
});

describe('configuration', () => {
  it('reads the environment and checks field names', () => {
    const cfg = salesforceConfigFromEnv(
      {
        SALESFORCE_CLIENT_ID: 'id',
        SALESFORCE_CLIENT_SECRET: 'secret',
        SALESFORCE_ACTIVITY_MODE: 'emailMessage',
        SALESFORCE_CONTACT_EMAIL_FIELDS: 'Email, Secondary_Email__c',
        SALESFORCE_HIDDEN_FIELDS: 'Lead.Title',
      },
      'https://liaison.example.com/',
    );
    expect(cfg.app).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      redirectUri: 'https://liaison.example.com/admin/salesforce/callback',
    });
    expect(cfg.options).toEqual({
      activityMode: 'emailMessage',
      contactEmailFields: ['Email', 'Secondary_Email__c'],
      hiddenFields: ['Lead.Title'],
    });
    expect(salesforceConfigFromEnv({}, 'http://x').app).toBeUndefined();
    expect(() => salesforceConfigFromEnv({ SALESFORCE_ACTIVITY_MODE: 'both' }, 'http://x')).toThrow(
      /task or emailMessage/,
    );
    expect(() => resolveOptions({ contactEmailFields: ["Email) OR Name != ('"] })).toThrow(
      /not a Salesforce API name/,
    );
    expect(() => resolveOptions({ accountWebsite: false })).toThrow(/domain source/);
  });

  it("reads Event's key and state field names, checked, with defaults", () => {
    const cfg = salesforceConfigFromEnv(
      { SALESFORCE_EVENT_KEY_FIELD: 'Meeting_Key__c', SALESFORCE_EVENT_STATE_FIELD: 'Meeting_State__c' },
      'http://x',
    );
    expect(cfg.options).toEqual({ eventKeyField: 'Meeting_Key__c', eventStateField: 'Meeting_State__c' });
    expect(resolveOptions({})).toMatchObject({
      eventKeyField: 'Liaison_Event_Key__c',
      eventStateField: 'Liaison_Event_State__c',
    });
    expect(() => resolveOptions({ eventKeyField: "Key__c') OR Id != ('" })).toThrow(
      /not a Salesforce API name/,
    );
  });
});

describe('classifyError', () => {
  it('tells transient, ambiguous and permanent failures apart', () => {
    expect(classifyError({ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'x' })).toMatchObject({
      transient: true,
      ambiguous: false,
    });
    expect(classifyError({ name: 'AbortError', message: 'aborted' })).toMatchObject({
      code: 'TIMEOUT',
      transient: true,
      ambiguous: true,
    });
    expect(classifyError({ name: 'FetchError', code: 'ECONNREFUSED', message: 'x' })).toMatchObject({
      transient: true,
      ambiguous: false,
    });
    expect(classifyError({ errorCode: 'MALFORMED_QUERY', message: 'x' })).toMatchObject({ transient: false });
  });
});
