import type { Interpretation } from '../transfer';
import { interpretCasso, verifyCasso } from './casso';
import type { Delivery, Provider, Verification } from './common';
import { interpretPayos, verifyPayos } from './payos';
import { interpretSepay, type SepayAuth, verifySepay } from './sepay';

export { PROVIDERS, type Provider } from './common';

/** The secret side of a connection, decrypted, as a verifier needs it. */
export interface ConnectionSecret {
  provider: Provider;
  secret: string;
  sepayAuth?: SepayAuth;
}

/** Verifies a delivery with the connection's own scheme and secret. */
export function verifyDelivery(delivery: Delivery, connection: ConnectionSecret): Verification {
  switch (connection.provider) {
    case 'payos':
      return verifyPayos(delivery, connection.secret);
    case 'sepay':
      return verifySepay(delivery, connection.secret, connection.sepayAuth ?? 'apikey');
    case 'casso':
      return verifyCasso(delivery, connection.secret);
  }
}

/** A verified body, read the provider's way. */
export function interpretDelivery(provider: Provider, body: unknown): Interpretation {
  switch (provider) {
    case 'payos':
      return interpretPayos(body);
    case 'sepay':
      return interpretSepay(body);
    case 'casso':
      return interpretCasso(body);
  }
}
