import {
  clearSessionCookie,
  readSessionCookie,
  serializeSessionCookie,
  servedOverHttps,
  sessionCookieSettings,
} from '../../../server/auth/session-cookie';

test('over http: HttpOnly, SameSite=Lax, Path=/, not Secure', () => {
  expect(serializeSessionCookie('abc', false, 3600)).toBe(
    'liaison_session=abc; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax',
  );
  expect(sessionCookieSettings(false, 3600)).toEqual({
    httpOnly: true,
    sameSite: 'lax',
    secure: false,
    path: '/',
    maxAge: 3600,
  });
});

test('over https: Secure with the __Host- prefix', () => {
  expect(serializeSessionCookie('abc', true, 59.9)).toBe(
    '__Host-liaison_session=abc; Path=/; Max-Age=59; HttpOnly; SameSite=Lax; Secure',
  );
  expect(sessionCookieSettings(true, 10).secure).toBe(true);
});

test('clearing sets an empty value with Max-Age=0', () => {
  expect(clearSessionCookie(true)).toBe(
    '__Host-liaison_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure',
  );
});

test('servedOverHttps looks at the public URL', () => {
  expect(servedOverHttps('https://liaison.example.com')).toBe(true);
  expect(servedOverHttps('http://127.0.0.1:3000')).toBe(false);
});

test('the session id is read from the Cookie header by its exact name', () => {
  const header = 'theme=dark; liaison_session_old=zzz; liaison_session=abc; other=1';
  expect(readSessionCookie(header, false)).toBe('abc');
  expect(readSessionCookie(header, true)).toBeUndefined();
  expect(readSessionCookie('__Host-liaison_session=def', true)).toBe('def');
  expect(readSessionCookie('liaison_session=', false)).toBeUndefined();
  expect(readSessionCookie(undefined, false)).toBeUndefined();
});
