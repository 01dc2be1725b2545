import * as z from 'zod/mini';
import { isCommuneCode } from '../geo/communes';
import { isSectorCode, SECTOR_CLASSIFICATION } from '../sectors/vsic';
import { findBankByBin } from '../vietqr/banks';
import { foldToAscii } from '../vietqr/fold';
import { normalised, normalisePhone, PhoneSchema } from './phone';

export { normalisePhone, PhoneSchema };

/**
 * A seller: cooperative (HTX), enterprise (SME) or household business. The profile carries what
 * payments (bank account for VietQR) and statistics (commune, sector with its classification
 * version) need. Schemas here serve the API and the sign-up form alike.
 */
export type SellerType = 'cooperative' | 'enterprise' | 'household';
/**
 * `rejected`: an officer turned the application down with a reason the seller sees; the seller
 * corrects its profile and saving it sends the application back to `pending` (see
 * applyProfileUpdate).
 */
export type SellerStatus = 'pending' | 'approved' | 'suspended' | 'rejected';
export const SELLER_TYPES = ['cooperative', 'enterprise', 'household'] as const;
export const SELLER_STATUSES = ['pending', 'approved', 'suspended', 'rejected'] as const;

export interface Seller {
  id: string;
  legalName: string;
  type: SellerType;
  taxCode: string;
  /** 5-digit official commune code (shared/geo). */
  communeCode: string;
  /** VSIC code and the classification it comes from. */
  sector: { code: string; classification: typeof SECTOR_CLASSIFICATION };
  phone: string;
  /** The sign-up email (lower case), for officers checking the application; older records lack it. */
  email?: string;
  /** The APPROVED account: VietQR codes for orders pay into this one only. */
  bank: BankAccount;
  /** A requested change of `bank`, waiting for an officer (not used for payments until then). */
  pendingBank?: PendingBankChange;
  status: SellerStatus;
  statusReason?: string;
  /** The officer action that set `status` (tells a retry from a new request). */
  lastStatusAction?: SellerAction;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface BankAccount {
  bin: string;
  accountNumber: string;
  holderName: string;
}
export interface PendingBankChange extends BankAccount {
  requestedAt: string;
  /** The account that asked. */
  requestedBy: string;
}

const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/**
 * Vietnamese enterprise tax code (mã số thuế): 10 digits whose last is a check digit
 * (10 − Σ dᵢ·wᵢ mod 11 with weights 31 29 23 19 17 13 7 5 3), or 13 = those 10 plus a 3-digit
 * branch number (001–999), written `0101234567-001` or without the dash. Since 1 July 2025
 * individuals and household businesses use their 12-digit personal identification number as tax
 * code (Circular 86/2024/TT-BTC): accepted as is (it has no check digit), for households only (see
 * SellerSignUpSchema). Returns the normalised form, or undefined when invalid.
 */
export function normaliseTaxCode(input: string): string | undefined {
  const compact = input.replace(/[\s.]/g, '');
  if (/^0\d{11}$/.test(compact)) return compact;
  const m = /^(\d{10})(?:-?(\d{3}))?$/.exec(compact);
  if (!m) return undefined;
  const main = m[1] as string;
  const sum = TAX_WEIGHTS.reduce((acc, w, i) => acc + w * Number(main[i]), 0);
  const check = 10 - (sum % 11);
  if (check > 9 || check !== Number(main[9])) return undefined;
  if (m[2] !== undefined) return m[2] === '000' ? undefined : `${main}-${m[2]}`;
  return main;
}

const text = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

export const TaxCodeSchema = z.lazy(() =>
  normalised(20, normaliseTaxCode, 'Invalid tax code or check digit', 'taxCode'),
);
export const CommuneCodeSchema = z.lazy(() =>
  z.string().check(
    z.regex(/^\d{5}$/),
    z.refine(isCommuneCode, {
      message: 'Not a commune of the province',
      params: { rule: 'communeCode' },
    }),
  ),
);

export const SectorCodeSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(/^\d{2,5}$/),
      z.refine(isSectorCode, { message: 'Unknown sector code', params: { rule: 'sectorCode' } }),
    ),
);

export const BankAccountSchema = z.lazy(() =>
  z.strictObject({
    bin: z.string().check(
      z.regex(/^\d{6}$/),
      z.refine((bin) => findBankByBin(bin) !== undefined, {
        message: 'Unknown bank',
        params: { rule: 'bankBin' },
      }),
    ),
    /** VietQR tag 38.01.01: up to 19 letters and digits. */
    accountNumber: z.string().check(z.regex(/^[A-Za-z0-9]{6,19}$/)),
    /** As the bank prints it: upper-case ASCII letters and spaces (accents are folded). */
    holderName: z.pipe(
      text(2, 70),
      z.pipe(
        z.transform((v: string) => foldToAscii(v).toUpperCase().replace(/\s+/g, ' ')),
        z.string().check(
          z.refine((v) => /^[A-Z][A-Z ]*$/.test(v), {
            message: 'Letters and spaces only',
            params: { rule: 'holderName' },
          }),
        ),
      ),
    ),
  }),
);

export const PasswordSchema = z.lazy(() =>
  z.string().check(
    z.minLength(10),
    z.maxLength(128),
    z.refine((v) => new Set(v).size >= 4, { message: 'Too simple', params: { rule: 'password' } }),
  ),
);

export const SellerSignUpSchema = z.lazy(() =>
  z
    .strictObject({
      email: z.email().check(z.maxLength(254)),
      phone: PhoneSchema,
      password: PasswordSchema,
      legalName: text(3, 200),
      type: z.enum(SELLER_TYPES),
      taxCode: TaxCodeSchema,
      communeCode: CommuneCodeSchema,
      sectorCode: SectorCodeSchema,
      bank: BankAccountSchema,
    })
    .check(
      z.superRefine((value, ctx) => {
        if (value.taxCode.length === 12 && value.type !== 'household') {
          ctx.issues.push({
            code: 'custom',
            path: ['taxCode'],
            input: value.taxCode,
            message: 'A personal number is a tax code for household businesses only',
            params: { rule: 'taxCodeForType' },
          });
        }
      }),
    ),
);
export type SellerSignUp = z.infer<typeof SellerSignUpSchema>;

export const SellerProfileUpdateSchema = z.lazy(() =>
  z.strictObject({
    version: z.int().check(z.positive(), z.maximum(1_000_000_000)),
    legalName: z.optional(text(3, 200)),
    phone: z.optional(PhoneSchema),
    communeCode: z.optional(CommuneCodeSchema),
    sectorCode: z.optional(SectorCodeSchema),
    bank: z.optional(BankAccountSchema),
    /** Required when `bank` changes: the bank account decides who gets paid. */
    currentPassword: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  }),
);
export type SellerProfileUpdate = z.infer<typeof SellerProfileUpdateSchema>;

/** A new seller from a sign-up: always pending until an officer approves. */
export function newSeller(input: SellerSignUp, id: string, now: Date): Seller {
  const at = now.toISOString();
  return {
    id,
    legalName: input.legalName,
    type: input.type,
    taxCode: input.taxCode,
    communeCode: input.communeCode,
    sector: { code: input.sectorCode, classification: SECTOR_CLASSIFICATION },
    phone: input.phone,
    email: input.email.trim().toLowerCase(),
    bank: input.bank,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export const sameBankAccount = (a: BankAccount, b: BankAccount) =>
  a.bin === b.bin && a.accountNumber === b.accountNumber && a.holderName === b.holderName;

/** Not approved yet (pending, or rejected and correcting): no payments, so no bank review. */
const notYetApproved = (status: SellerStatus) => status === 'pending' || status === 'rejected';

/**
 * A profile update. A different bank account does not replace `bank`: it becomes `pendingBank`
 * for an officer to review (see the officer bank-change queue), except while the seller itself is
 * not approved yet (no payments yet; the approval reviews it). Asking again for the approved
 * account withdraws a pending change. A rejected seller that saves its corrected profile sends
 * the application back to the queue (`pending`; the rejection reason stays for the officer).
 */
export function applyProfileUpdate(
  seller: Seller,
  update: SellerProfileUpdate,
  now: Date,
  requestedBy = 'unknown',
): Seller {
  const { pendingBank: _previousRequest, ...rest } = seller;
  const bankChange = update.bank && !sameBankAccount(update.bank, seller.bank);
  const bankFields = !update.bank
    ? seller.pendingBank
      ? { pendingBank: seller.pendingBank }
      : {}
    : !bankChange
      ? {}
      : notYetApproved(seller.status)
        ? { bank: update.bank }
        : {
            pendingBank: {
              ...update.bank,
              requestedAt: now.toISOString(),
              requestedBy,
            },
          };
  return {
    ...rest,
    ...(update.legalName ? { legalName: update.legalName } : {}),
    ...(update.phone ? { phone: update.phone } : {}),
    ...(update.communeCode ? { communeCode: update.communeCode } : {}),
    ...(update.sectorCode
      ? { sector: { code: update.sectorCode, classification: SECTOR_CLASSIFICATION } }
      : {}),
    ...bankFields,
    ...(seller.status === 'rejected' ? { status: 'pending' as const } : {}),
    updatedAt: now.toISOString(),
    version: seller.version + 1,
  };
}

export type SellerAction = 'approve' | 'reject' | 'suspend' | 'reinstate';
export const SELLER_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate'] as const;

/** Actions the seller is told the reason of (the officer must give one). */
export const actionNeedsReason = (action: SellerAction): boolean =>
  action === 'reject' || action === 'suspend';

/**
 * The status an officer's action leads to, or undefined when the action does not apply:
 * approve and reject a pending application; suspend a pending or approved seller; reinstate a
 * suspended one. A rejected application comes back only when the seller corrects it.
 */
export function nextSellerStatus(
  current: SellerStatus,
  action: SellerAction,
): SellerStatus | undefined {
  if (action === 'approve') return current === 'pending' ? 'approved' : undefined;
  if (action === 'reject') return current === 'pending' ? 'rejected' : undefined;
  if (action === 'suspend')
    return current === 'pending' || current === 'approved' ? 'suspended' : undefined;
  return current === 'suspended' ? 'approved' : undefined;
}

/** Only approved sellers' products are on the storefront. */
export const isSellerListed = (status: SellerStatus) => status === 'approved';
