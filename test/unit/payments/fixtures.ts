/**
 * Real-looking deliveries of each provider, shaped after their documentation's samples (field
 * names, types and formats as sent), for signature and normalisation tests.
 */

/** payOS's documented webhook sample (the data of its docs and of the @payos/node README). */
export const PAYOS_DOC_CHECKSUM_KEY =
  '1a54716c8f0efb2744fb28b6e38b25da7f67a925d98bc1c18bd8faaecadd7675';
export const PAYOS_DOC_SIGNATURE =
  '412e915d2871504ed31be63c8f62a149a4410d34c4c42affc9006ef9917eaa03';
/** The signature printed in the @payos/node README beside the same data: it does not verify. */
export const PAYOS_README_SIGNATURE =
  '8d8640d802576397a1ce45ebda7f835055768ac7ad2e0bfb77f9b8f12cca4c7f';
export const payosDocData = () => ({
  orderCode: 123,
  amount: 3000,
  description: 'VQRIO123',
  accountNumber: '12345678',
  reference: 'TF230204212323',
  transactionDateTime: '2023-02-04 18:25:00',
  currency: 'VND',
  paymentLinkId: '124c33293c43417ab7879e14c8d9eb18',
  code: '00',
  desc: 'Thành công',
  counterAccountBankId: '',
  counterAccountBankName: '',
  counterAccountName: '',
  counterAccountNumber: '',
  virtualAccountName: '',
  virtualAccountNumber: '',
});

/** A payOS delivery for a real order: the bank wraps the order code in its own text. */
export const payosPaymentData = (orderCode: string, amount: number) => ({
  orderCode: 1_733_120_001,
  amount,
  description: `CSZ2 ${orderCode} NGUYEN VAN A chuyen tien`,
  accountNumber: '0071001234567',
  reference: 'FT24337812345678',
  transactionDateTime: '2026-12-02 17:05:09',
  currency: 'VND',
  paymentLinkId: '8f7a1c20b7e94f2a9d3c5e6f7a8b9c0d',
  code: '00',
  desc: 'success',
  counterAccountBankId: '970436',
  counterAccountBankName: 'Vietcombank',
  counterAccountName: 'NGUYEN VAN A',
  counterAccountNumber: '1023456789',
  virtualAccountName: '',
  virtualAccountNumber: '',
});

/** SePay's webhook body (its docs' sample fields), money in. */
export const sepayBody = (orderCode: string, amount: number) => ({
  id: 92704,
  gateway: 'Vietcombank',
  transactionDate: '2026-12-02 17:05:09',
  accountNumber: '0071001234567',
  code: null as string | null,
  content: `MBVCB.3278907687.${orderCode}.CT tu 0912345678 NGUYEN VAN A toi 0071001234567`,
  transferType: 'in',
  transferAmount: amount,
  accumulated: 19_077_000,
  subAccount: null,
  referenceCode: 'MBVCB.3278907687',
  description: '',
});

/** Casso's v2 webhook body: `error` and one transaction in `data`. */
export const cassoBody = (orderCode: string, amount: number) => ({
  error: 0,
  data: {
    id: 3_175_472,
    reference: 'FT24337998877665',
    description: `${orderCode} Thanh toan don hang`,
    amount,
    runningBalance: 25_000_000,
    transactionDateTime: '2026-12-02 17:05:09',
    accountNumber: '0071001234567',
    bankName: 'Vietcombank',
    bankAbbreviation: 'VCB',
    virtualAccountNumber: '',
    virtualAccountName: '',
    counterAccountName: 'NGUYEN VAN A',
    counterAccountNumber: '1023456789',
    counterAccountBankId: '970436',
    counterAccountBankName: 'Vietcombank',
  },
});
