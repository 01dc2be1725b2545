import { randomBytes, randomUUID } from 'node:crypto';
import type { Account } from '../../shared/accounts/account';
import { emailLogin } from '../../shared/accounts/account';
import { formatApiKey, hashApiKeySecret } from '../../shared/accounts/api-key';
import { hashPassword } from '../../shared/accounts/password';
import type { Role } from '../../shared/accounts/principal';
import { SESSION_TTL_SECONDS, signSessionToken } from '../../shared/accounts/session-token';
import { insertAccount, insertApiKey, insertSession } from '../../shared/db/accounts';
import { normaliseTaxCode, type Seller, type SellerStatus } from '../../shared/sellers/seller';

/**
 * Credentials for integration tests, made through the real db functions and the real token
 * signer: `await sellerSession({ status: 'approved' })` → { headers, sellerId, accountId }.
 */
export interface TestCredentials {
  headers: Record<string, string>;
  accountId: string;
  sellerId?: string;
  email: string;
  password: string;
}

const PASSWORD = 'mật-khẩu-thử-nghiệm-1';
const passwordHash = hashPassword(PASSWORD, Buffer.alloc(16, 1));
let counter = 0;

/**
 * A tax code with a valid check digit, unique per call. The digit is found by asking the real
 * validator (shared/sellers/seller.ts), not by a copy of its algorithm.
 */
export function testTaxCode(): string {
  // Bounded: a broken validator must fail the tests, not hang them.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const base = `20${String(Date.now() % 1e5).padStart(5, '0')}${String(++counter % 100).padStart(2, '0')}`;
    for (let digit = 0; digit <= 9; digit++) {
      if (normaliseTaxCode(`${base}${digit}`) === `${base}${digit}`) return `${base}${digit}`;
    }
  }
  throw new Error('normaliseTaxCode accepts no 10-digit code: the tax-code check is broken');
}

export function testSeller(overrides: Partial<Seller> = {}): Seller {
  const now = new Date().toISOString();
  return {
    id: `sl-${randomUUID()}`,
    legalName: 'Hợp tác xã Thử nghiệm',
    type: 'cooperative',
    taxCode: testTaxCode(),
    communeCode: '32248',
    sector: { code: '1020', classification: 'VSIC2025' },
    phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX THU NGHIEM' },
    status: 'approved',
    createdAt: now,
    updatedAt: now,
    version: 1,
    ...overrides,
  };
}

async function session(
  role: Role,
  seller?: Seller,
  existingSeller = false,
): Promise<TestCredentials> {
  const now = new Date();
  const accountId = `ac-${randomUUID()}`;
  const email = `${role}-${accountId}@example.vn`;
  const account: Account = {
    id: accountId,
    email,
    role,
    displayName: `Test ${role}`,
    passwordHash,
    status: 'active',
    mustChangePassword: false,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    ...(seller ? { sellerId: seller.id, phone: seller.phone } : {}),
  };
  await insertAccount(account, [emailLogin(email)], existingSeller ? undefined : seller);
  const sessionId = randomUUID();
  const exp = Math.floor(now.getTime() / 1000) + SESSION_TTL_SECONDS;
  await insertSession({
    id: sessionId,
    accountId,
    role,
    createdAt: now.toISOString(),
    expiresAt: new Date(exp * 1000).toISOString(),
    ...(seller ? { sellerId: seller.id } : {}),
  });
  const token = signSessionToken(
    {
      sid: sessionId,
      aid: accountId,
      role,
      iat: Math.floor(now.getTime() / 1000),
      exp,
      ...(seller ? { sel: seller.id } : {}),
    },
    process.env.SIGNING_SECRET ?? '',
  );
  return {
    headers: { authorization: `Bearer ${token}` },
    accountId,
    email,
    password: PASSWORD,
    ...(seller ? { sellerId: seller.id } : {}),
  };
}

export async function sellerSession(
  options: { status?: SellerStatus; seller?: Partial<Seller> } = {},
) {
  const seller = testSeller({ status: options.status ?? 'approved', ...options.seller });
  return (await session('seller', seller)) as TestCredentials & { sellerId: string };
}

/** Another account (and session) acting for an existing seller. */
export async function anotherSessionFor(sellerId: string) {
  return (await session('seller', testSeller({ id: sellerId }), true)) as TestCredentials & {
    sellerId: string;
  };
}

export const officerSession = () => session('officer');
export const adminSession = () => session('admin');

/** An API key for a seller, as the x-api-key header. */
export async function sellerApiKey(sellerId: string): Promise<Record<string, string>> {
  const keyId = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  await insertApiKey({
    keyId,
    sellerId,
    name: 'test',
    secretHash: hashApiKeySecret(secret),
    createdAt: new Date().toISOString(),
  });
  return { 'x-api-key': formatApiKey(keyId, secret) };
}
