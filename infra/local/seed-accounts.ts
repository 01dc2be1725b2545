import { createStaffAccount } from '../../functions/_http/staff-accounts';
import type { Account } from '../../shared/accounts/account';
import { emailLogin, phoneLogin } from '../../shared/accounts/account';
import { hashPassword } from '../../shared/accounts/password';
import { findAccountByLogin, insertAccount } from '../../shared/db/accounts';
import { demoSellers } from './seed-data';

/**
 * Demo sign-ins for the LOCAL host only (never seeded on AWS, where the first admin comes from
 * `npm run admin -- create-admin <email>`). Fixed so that a person and the browser tests can use
 * them; printed by `npm start`.
 */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@choso.vn', password: 'ChoSo-Admin-2026!' },
  officer: { email: 'canbo@choso.vn', password: 'ChoSo-CanBo-2026!' },
  seller: {
    email: 'htx.rachgoc@choso.vn',
    password: 'ChoSo-HTX-2026!',
    sellerId: 'sl-demo-rachgoc',
  },
} as const;

const AT = new Date('2026-11-01T01:00:00.000Z');

/** Idempotent: an account whose login exists is left as it is. */
export async function seedAccounts(): Promise<string[]> {
  const made: string[] = [];
  if (!(await findAccountByLogin(emailLogin(DEMO_ACCOUNTS.admin.email)))) {
    await createStaffAccount(
      { id: 'ac-demo-admin', role: 'admin', displayName: 'Quản trị viên', ...DEMO_ACCOUNTS.admin },
      AT,
    );
    made.push(DEMO_ACCOUNTS.admin.email);
  }
  if (!(await findAccountByLogin(emailLogin(DEMO_ACCOUNTS.officer.email)))) {
    await createStaffAccount(
      {
        id: 'ac-demo-officer',
        role: 'officer',
        displayName: 'Cán bộ Sở Công Thương',
        ...DEMO_ACCOUNTS.officer,
      },
      AT,
    );
    made.push(DEMO_ACCOUNTS.officer.email);
  }
  const seller = demoSellers.find((s) => s.id === DEMO_ACCOUNTS.seller.sellerId);
  if (seller && !(await findAccountByLogin(emailLogin(DEMO_ACCOUNTS.seller.email)))) {
    const account: Account = {
      id: 'ac-demo-rachgoc',
      email: DEMO_ACCOUNTS.seller.email,
      phone: seller.phone,
      role: 'seller',
      sellerId: seller.id,
      displayName: seller.legalName,
      passwordHash: hashPassword(DEMO_ACCOUNTS.seller.password, Buffer.from('demo-seller-salt')),
      status: 'active',
      mustChangePassword: false,
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
      version: 1,
    };
    await insertAccount(account, [emailLogin(account.email), phoneLogin(seller.phone)]);
    made.push(account.email);
  }
  return made;
}
