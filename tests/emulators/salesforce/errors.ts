/**
 * Salesforce's error shapes. REST resources answer `[{ message, errorCode, fields? }]` with an HTTP
 * status; records inside sObject Collections carry `{ statusCode, message, fields }` instead.
 */

export interface RestErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

export interface RecordError {
  statusCode: string;
  message: string;
  fields: string[];
}

/** A request-level failure: the HTTP status and the documented error array. */
export class SalesforceError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  body(): RestErrorBody[] {
    const e: RestErrorBody = { message: this.message, errorCode: this.errorCode };
    if (this.fields) e.fields = this.fields;
    return [e];
  }

  toRecordError(): RecordError {
    return { statusCode: this.errorCode, message: this.message, fields: this.fields ?? [] };
  }
}

export const malformedQuery = (message: string) => new SalesforceError(400, 'MALFORMED_QUERY', message);
export const malformedSearch = (message: string) => new SalesforceError(400, 'MALFORMED_SEARCH', message);
export const invalidField = (message: string, fields?: string[]) =>
  new SalesforceError(400, 'INVALID_FIELD', message, fields);
export const invalidType = (type: string) =>
  new SalesforceError(
    400,
    'INVALID_TYPE',
    `sObject type '${type}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
export const notFound = () => new SalesforceError(404, 'NOT_FOUND', 'The requested resource does not exist');
export const invalidSession = () =>
  new SalesforceError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
export const requestLimitExceeded = () =>
  new SalesforceError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
/** Not a Salesforce code: the emulator refuses loudly what it does not implement, so no test passes by accident. */
export const unsupported = (what: string) =>
  new SalesforceError(400, 'EMULATOR_UNSUPPORTED', `The Salesforce emulator does not implement ${what}`);
