import { randomBytes } from 'node:crypto';
import { type Account, emailLogin, phoneLogin } from '../../shared/accounts/account';
import { hashPassword } from '../../shared/accounts/password';
import { insertAccount, type TransactItem } from '../../shared/db/accounts';

/**
 * Officer and admin accounts get a one-time password: shown once, and the first session must
 * change it. Used by the admin API, the admin command and the local seed.
 */
export function oneTimePassword(): string {
  // 15 random bytes → 20 base64url characters, grouped for reading aloud over the phone.
  return (
    randomBytes(15)
      .toString('base64url')
      .match(/.{1,5}/g) ?? []
  ).join('-');
}

export async function createStaffAccount(
  input: {
    id: string;
    email: string;
    displayName: string;
    phone?: string;
    role: 'officer' | 'admin';
    password?: string;
  },
  now: Date,
  /** More items for the creating transaction (the audit record). */
  extra: TransactItem[] = [],
): Promise<{ account: Account; oneTimePassword: string }> {
  const password = input.password ?? oneTimePassword();
  const at = now.toISOString();
  const account: Account = {
    id: input.id,
    email: input.email.trim().toLowerCase(),
    role: input.role,
    displayName: input.displayName,
    passwordHash: hashPassword(password, randomBytes(16)),
    status: 'active',
    mustChangePassword: input.password === undefined,
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...(input.phone ? { phone: input.phone } : {}),
  };
  await insertAccount(
    account,
    [emailLogin(account.email), ...(input.phone ? [phoneLogin(input.phone)] : [])],
    undefined,
    extra,
  );
  return { account, oneTimePassword: password };
}
