import type { TransferRecord } from '../../shared/db/payments';

/** A transfer as the API shows it (the stored record without its bookkeeping). */
export function transferView(record: TransferRecord) {
  const { version: _v, ...view } = record;
  return view;
}
