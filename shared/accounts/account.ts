import { normalisePhone } from '../sellers/phone';
import type { Role } from './principal';

/** A person who signs in: a seller's user, an officer or an admin. Buyers have no account. */
export type AccountStatus = 'active' | 'disabled';

export interface Account {
  id: string;
  email: string;
  phone?: string;
  role: Role;
  /** For sellers: the one seller this account acts for. */
  sellerId?: string;
  displayName: string;
  passwordHash: string;
  status: AccountStatus;
  /** Set for accounts created with a one-time password. */
  mustChangePassword: boolean;
  /**
   * The password is an officer-issued one-time password that was already used to sign in: it no
   * longer signs in (single use), it only serves as the current password of that session's change.
   */
  passwordFromOneTime?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Session {
  id: string;
  accountId: string;
  role: Role;
  sellerId?: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiKeyRecord {
  keyId: string;
  sellerId: string;
  name: string;
  secretHash: string;
  createdAt: string;
  revokedAt?: string;
}

/** Logins are unique across accounts: `email:<lower-case address>` and `phone:<0xxxxxxxxx>`. */
export const emailLogin = (email: string) => `email:${email.trim().toLowerCase()}`;
export const phoneLogin = (phone: string) => `phone:${phone}`;

/** What a person types to sign in (email address or Vietnamese mobile number) as a login key. */
export function loginOf(input: string): string {
  if (input.includes('@')) return emailLogin(input);
  const phone = normalisePhone(input);
  return phone ? phoneLogin(phone) : emailLogin(input);
}

/** What a view of an account may show (never the hash). */
export function accountView(account: Account) {
  const { passwordHash: _hash, version: _version, ...view } = account;
  return view;
}
export type AccountView = ReturnType<typeof accountView>;
