import * as z from 'zod/mini';
import { PROVIDERS, type Provider } from './providers/common';
import { SEPAY_AUTH, type SepayAuth } from './providers/sepay';
import type { SealedSecret } from './secret-box';

/** A seller's link to one notification service: where it posts and the secret it proves itself with. */
export interface PaymentConnection {
  id: string;
  sellerId: string;
  provider: Provider;
  /** SePay only: API key header or HMAC signature. */
  sepayAuth?: SepayAuth;
  sealed: SealedSecret;
  /** The secret's last 4 characters, for people telling connections apart. */
  secretLast4: string;
  createdAt: string;
  disabledAt?: string;
}

/** At most this many active connections per seller (one per provider and account is typical). */
export const MAX_ACTIVE_CONNECTIONS = 6;

/** Connection ids: 24 characters of [A-Za-z0-9], unguessable (the URL is not the secret, though). */
export const CONNECTION_ID = /^[A-Za-z0-9]{24}$/;

/** Printable ASCII without spaces: what the providers' dashboards show as keys. */
const SECRET = /^[\x21-\x7e]{16,256}$/;

export const CreateConnectionSchema = z
  .strictObject({
    provider: z.enum(PROVIDERS),
    secret: z.string().check(z.regex(SECRET, 'A secret is 16–256 printable characters, no spaces')),
    sepayAuth: z.optional(z.enum(SEPAY_AUTH)),
  })
  .check(
    z.refine((value) => value.provider === 'sepay' || value.sepayAuth === undefined, {
      message: 'sepayAuth is for SePay connections only',
      path: ['sepayAuth'],
    }),
  );
export type CreateConnectionInput = z.infer<typeof CreateConnectionSchema>;

export const webhookPath = (provider: Provider, connectionId: string) =>
  `/api/webhooks/${provider}/${connectionId}`;

/** What the API shows of a connection: never the secret, at most its last 4 characters. */
export function connectionView(connection: PaymentConnection, baseUrl: string) {
  const path = webhookPath(connection.provider, connection.id);
  return {
    id: connection.id,
    provider: connection.provider,
    ...(connection.provider === 'sepay' ? { sepayAuth: connection.sepayAuth ?? 'apikey' } : {}),
    webhookPath: path,
    webhookUrl: `${baseUrl}${path}`,
    secretLast4: connection.secretLast4,
    createdAt: connection.createdAt,
    status: connection.disabledAt ? ('disabled' as const) : ('active' as const),
    ...(connection.disabledAt ? { disabledAt: connection.disabledAt } : {}),
  };
}
export type ConnectionView = ReturnType<typeof connectionView>;
