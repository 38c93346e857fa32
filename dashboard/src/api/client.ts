// The dashboard's one way to call the server: same-origin JSON with the session cookie, and the session's CSRF
// token on every change. Errors carry the server's own sentence so pages can show it as is.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken = '';

/** Set once the session is known (GET /api/session returns it). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token ?? '';
}

/** The server's message from an error body, or a sentence for the status when there is none. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const data = (typeof body === 'object' && body !== null ? body : {}) as {
    error?: unknown;
    message?: unknown;
  };
  const code = typeof data.error === 'string' ? data.error : `http_${status}`;
  if (typeof data.message === 'string' && data.message) return new ApiError(status, code, data.message);
  if (status === 401) return new ApiError(status, code, 'Your session has ended. Sign in again.');
  if (status === 403) return new ApiError(status, code, 'Only an admin can do this.');
  return new ApiError(status, code, `The server answered ${status}. Try again in a moment.`);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the Liaison server. Check your connection and try again.');
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) throw errorFromResponse(response.status, data);
  return data as T;
}

/** A path segment made safe (blacklist entries and thread ids contain @, <, > and /). */
export const segment = (value: string): string => encodeURIComponent(value);
