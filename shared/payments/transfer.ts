import type { TransferSource } from './providers/common';

/**
 * One incoming bank transfer as a provider reported it, in one shape whatever the provider:
 * what every path (automatic match, unmatched queue, manual confirmation) works on.
 */
export interface TransferFacts {
  /** The provider's own id of the transaction: the dedupe key, with the provider. */
  providerTransactionId: string;
  /** The receiving account the provider names, when it names one. */
  accountNumber?: string;
  /** Whole VND, positive. */
  amount: number;
  /** The transfer text as the bank passed it on (where the order code is looked for). */
  content: string;
  /** A payment code the provider already extracted (SePay `code`), looked at first. */
  codeHint?: string;
  /** The bank's reference of the transaction (for people reconciling statements). */
  bankReference?: string;
  /** When the bank booked it (ISO), as the provider reports it. */
  bankTime?: string;
}

/** The normalised bank-transfer record: the facts plus where they came from and when. */
export interface BankTransfer extends TransferFacts {
  provider: TransferSource;
  connectionId: string;
  sellerId: string;
  receivedAt: string;
}

/**
 * What a verified delivery means: money in; something we deliberately do not count (money out,
 * a provider's test delivery, a failed payment), kept as a record; or something we cannot read,
 * kept for review. Never "dropped".
 */
export type Interpretation =
  | { kind: 'transfer'; facts: TransferFacts }
  | {
      kind: 'ignored';
      reason: 'outgoing' | 'providerTest' | 'notSuccessful';
      facts?: Partial<TransferFacts>;
    }
  | { kind: 'uninterpretable'; reason: string; providerTransactionId?: string };
