// Who a bearer token is, for messages that say which account lacks a permission.

/** The user name in a service-account token (`system:serviceaccount:NS:NAME`), for messages. */
export function tokenSubject(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
