import { cassoSignatureHeader } from './providers/casso';
import type { Provider } from './providers/common';
import { payosSignature } from './providers/payos';
import { type SepayAuth, sepaySignature } from './providers/sepay';

/** One bank transfer to describe as a provider would. */
export interface SimulatedTransfer {
  /** The provider's transaction id (numeric for SePay and Casso, a bank reference for payOS). */
  transactionId: string;
  amount: number;
  /** The transfer text (the bank's wrapping around the order code). */
  content: string;
  /** The receiving account. */
  accountNumber: string;
  at: Date;
}

/** Vietnam time `YYYY-MM-DD HH:mm:ss`, as all three providers write bank times. */
const vnTime = (at: Date) =>
  new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const numericId = (id: string) => (/^\d{1,15}$/.test(id) ? Number(id) : id);

/**
 * A delivery exactly as the provider sends it (body bytes and signature headers), for the local
 * simulate route, tests and benchmarks. Pure: the time comes in.
 */
export function buildDelivery(
  provider: Provider,
  connection: { secret: string; sepayAuth?: SepayAuth },
  transfer: SimulatedTransfer,
): { rawBody: string; headers: Record<string, string> } {
  const json = { 'content-type': 'application/json' };
  switch (provider) {
    case 'payos': {
      const data = {
        orderCode: Number(transfer.at.getTime() % 1e9),
        amount: transfer.amount,
        description: transfer.content,
        accountNumber: transfer.accountNumber,
        reference: transfer.transactionId,
        transactionDateTime: vnTime(transfer.at),
        currency: 'VND',
        paymentLinkId: transfer.transactionId.toLowerCase().padEnd(32, '0').slice(0, 32),
        code: '00',
        desc: 'success',
        counterAccountBankId: '',
        counterAccountBankName: '',
        counterAccountName: '',
        counterAccountNumber: '',
        virtualAccountName: '',
        virtualAccountNumber: '',
      };
      const body = {
        code: '00',
        desc: 'success',
        success: true,
        data,
        signature: payosSignature(data, connection.secret),
      };
      return { rawBody: JSON.stringify(body), headers: json };
    }
    case 'sepay': {
      const body = {
        id: numericId(transfer.transactionId),
        gateway: 'Vietcombank',
        transactionDate: vnTime(transfer.at),
        accountNumber: transfer.accountNumber,
        code: null,
        content: transfer.content,
        transferType: 'in',
        transferAmount: transfer.amount,
        accumulated: 0,
        subAccount: null,
        referenceCode: `FT${transfer.transactionId}`,
        description: transfer.content,
      };
      const rawBody = JSON.stringify(body);
      if ((connection.sepayAuth ?? 'apikey') === 'apikey')
        return { rawBody, headers: { ...json, authorization: `Apikey ${connection.secret}` } };
      const timestamp = String(Math.floor(transfer.at.getTime() / 1000));
      return {
        rawBody,
        headers: {
          ...json,
          'x-sepay-timestamp': timestamp,
          'x-sepay-signature': sepaySignature(rawBody, timestamp, connection.secret),
        },
      };
    }
    case 'casso': {
      const body = {
        error: 0,
        data: {
          id: numericId(transfer.transactionId),
          reference: `FT${transfer.transactionId}`,
          description: transfer.content,
          amount: transfer.amount,
          runningBalance: 0,
          transactionDateTime: vnTime(transfer.at),
          accountNumber: transfer.accountNumber,
          bankName: 'Vietcombank',
          bankAbbreviation: 'VCB',
          virtualAccountNumber: '',
          virtualAccountName: '',
          counterAccountName: '',
          counterAccountNumber: '',
          counterAccountBankId: '',
          counterAccountBankName: '',
        },
      };
      return {
        rawBody: JSON.stringify(body),
        headers: {
          ...json,
          'x-casso-signature': cassoSignatureHeader(body, transfer.at.getTime(), connection.secret),
        },
      };
    }
  }
}
