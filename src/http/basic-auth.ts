// HTTP Basic authentication for EAS (MS-ASHTTP 2.2.1.1.2.1) through the Authenticator port.
// Phones send credentials as UTF-8, Outlook as ISO-8859-1 (CLIENT-QUIRKS §3.1): bytes that are
// not valid UTF-8 are read as ISO-8859-1.
import { isUtf8 } from 'node:buffer';
import type { AuthenticatedUser, Authenticator } from '../domain/authenticator.js';

export const BASIC_REALM = 'Pushbridge';
export const WWW_AUTHENTICATE = `Basic realm="${BASIC_REALM}"`;

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export type AuthOutcome =
  | { readonly kind: 'authenticated'; readonly login: string; readonly user: AuthenticatedUser }
  | { readonly kind: 'missing' }
  | { readonly kind: 'rejected'; readonly login: string }
  /** The backend failed: not the client's fault, so not a 401. */
  | { readonly kind: 'unavailable'; readonly login: string; readonly error: unknown };

/** Credentials from an Authorization header, or undefined when it is absent or not usable Basic. */
export function parseBasicAuthorization(header: string | undefined): Credentials | undefined {
  const match = header === undefined ? null : /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const bytes = Buffer.from(match[1], 'base64');
  // The two halves are decoded apart, not sliced from one string: V8 keeps a slice's whole parent
  // alive, and a held Ping keeps the login for its whole heartbeat. 0x3A is the colon in UTF-8
  // and ISO-8859-1 alike.
  const colon = bytes.indexOf(0x3a);
  if (colon <= 0) return undefined;
  const encoding = isUtf8(bytes) ? 'utf8' : 'latin1';
  return { username: bytes.toString(encoding, 0, colon), password: bytes.toString(encoding, colon + 1) };
}

export async function authenticateBasic(authenticator: Authenticator, header: string | undefined): Promise<AuthOutcome> {
  const credentials = parseBasicAuthorization(header);
  if (credentials === undefined) return { kind: 'missing' };
  const login = credentials.username;
  try {
    const user = await authenticator.authenticate(login, credentials.password);
    return user === null ? { kind: 'rejected', login } : { kind: 'authenticated', login, user };
  } catch (error) {
    return { kind: 'unavailable', login, error };
  }
}

/** "DOMAIN\user" and "user" name the same account; case never matters. */
function canonical(name: string): string {
  return name.slice(name.lastIndexOf('\\') + 1).toLowerCase();
}

/**
 * Whether the User of the request line names the authenticated account: the login typed, the
 * backend's canonical name or e-mail address, or the local part of either address.
 */
export function requestUserMatches(requestUser: string, login: string, user: AuthenticatedUser): boolean {
  const wanted = canonical(requestUser);
  const names = [login, user.username, user.email ?? ''].map(canonical).filter((n) => n !== '');
  if (names.includes(wanted)) return true;
  if (wanted.includes('@')) return false;
  return names.some((name) => name.includes('@') && name.slice(0, name.indexOf('@')) === wanted);
}
