// Authenticator port: checks a user's credentials against whatever backend owns accounts
// (embedded accounts, IMAP login, LDAP bind). The HTTP front calls it for Basic auth.

export interface AuthenticatedUser {
  /** Canonical login name (lower-cased e-mail address for embedded accounts). */
  readonly username: string;
  /** Primary SMTP address, when the backend knows it. */
  readonly email?: string;
  readonly displayName?: string;
}

export interface Authenticator {
  /** Resolves to the user when the password is right, to null when it is not. Throws only on backend failure. */
  authenticate(username: string, password: string): Promise<AuthenticatedUser | null>;
}
