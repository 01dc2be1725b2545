/**
 * Who is signed in. The session itself is the HttpOnly `cs_session` cookie (same-origin fetches
 * send it); pages keep only a hint (role and name, never a secret) in localStorage so the header
 * can say "Đăng xuất" without asking the API on every public page.
 */
import type { AccountView } from '../../shared/accounts/account';
import type { Role } from '../../shared/accounts/principal';
import { ApiError, api } from './api';

export type { AccountView, Role };

export type SellerStatus = 'pending' | 'approved' | 'suspended' | 'rejected';
export type SellerType = 'cooperative' | 'enterprise' | 'household';

export interface SellerView {
  id: string;
  legalName: string;
  type: SellerType;
  taxCode: string;
  communeCode: string;
  communeName: string | null;
  sector: { code: string; classification: string; name: string | null; nameEn: string | null };
  phone: string;
  email?: string;
  bank: { bin: string; accountNumber: string; holderName: string; bankName: string | null };
  status: SellerStatus;
  statusReason?: string;
  lastStatusAction?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Me {
  account?: AccountView;
  seller?: SellerView;
}

export interface SessionHint {
  role: Role;
  name: string;
}

const KEY = 'choso.session';

export function sessionHint(): SessionHint | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as SessionHint;
    return value && typeof value.role === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function setSessionHint(account: AccountView | undefined): void {
  try {
    if (account)
      localStorage.setItem(KEY, JSON.stringify({ role: account.role, name: account.displayName }));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable: the header just shows "Đăng nhập"
  }
}

/** Where an account goes after signing in. */
export const homeOf = (role: Role): string => (role === 'seller' ? '/ban-hang/' : '/can-bo/');

/** Only same-site paths (no `//host`, no schemes) are followed after sign-in. */
export function safeNext(next: string | null): string | undefined {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return undefined;
  return next;
}

export const signInUrl = () =>
  `/dang-nhap/?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`;

/**
 * The signed-in account, or a redirect: to sign-in when signed out (401), to the password page
 * when a one-time password must be changed, to the account's own home when its role may not
 * see this page. Resolves only when the page may render.
 */
export async function requireRole(roles: readonly Role[]): Promise<Me & { account: AccountView }> {
  let me: Me;
  try {
    me = await api<Me>('/api/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setSessionHint(undefined);
      location.assign(signInUrl());
      return new Promise(() => undefined);
    }
    if (err instanceof ApiError && err.code === 'auth.passwordChangeRequired') {
      location.assign(`/doi-mat-khau/?next=${encodeURIComponent(location.pathname)}`);
      return new Promise(() => undefined);
    }
    throw err;
  }
  const account = me.account;
  if (!account) {
    location.assign(signInUrl());
    return new Promise(() => undefined);
  }
  setSessionHint(account);
  if (account.mustChangePassword) {
    location.assign(`/doi-mat-khau/?next=${encodeURIComponent(location.pathname)}`);
    return new Promise(() => undefined);
  }
  if (!roles.includes(account.role)) {
    location.assign(homeOf(account.role));
    return new Promise(() => undefined);
  }
  return { ...me, account };
}

/** Signs out (the API clears the cookie) and forgets the hint, whatever the API says. */
export async function signOut(): Promise<void> {
  try {
    await api('/api/auth/sign-out', { method: 'POST' });
  } catch {
    // an expired session is signed out already
  }
  setSessionHint(undefined);
}
