import { getConnection, putConnectionIfAbsent } from '../../shared/db/payments';
import { webhookPath } from '../../shared/payments/connection';
import type { Provider } from '../../shared/payments/providers/common';
import { openConnectionSecret, sealConnectionSecret } from './connection-secrets';

/**
 * The local demo's payment connections: one per provider for the demo cooperative, with fixed ids
 * (stable webhook URLs across restarts) and the secret DEMO_WEBHOOK_SECRET (the local host
 * generates one into DATA_DIR/secrets.json when it is not set). Local seed only.
 */
export const DEMO_SELLER_ID = 'sl-demo-rachgoc';
export const DEMO_CONNECTIONS: ReadonlyArray<{ id: string; provider: Provider }> = [
  { id: 'demoRachgocPayosWebhook1', provider: 'payos' },
  { id: 'demoRachgocSepayWebhook1', provider: 'sepay' },
  { id: 'demoRachgocCassoWebhook1', provider: 'casso' },
];

/** Creates the demo connections, or re-seals them when DEMO_WEBHOOK_SECRET changed. */
export async function seedDemoConnections(secret: string, now = new Date()): Promise<number> {
  let written = 0;
  for (const { id, provider } of DEMO_CONNECTIONS) {
    const existing = await getConnection(id);
    if (existing && (await openConnectionSecret(existing)) === secret) continue;
    const connection = {
      id,
      sellerId: DEMO_SELLER_ID,
      provider,
      ...(provider === 'sepay' ? { sepayAuth: 'hmac' as const } : {}),
      sealed: await sealConnectionSecret(secret, id, DEMO_SELLER_ID),
      secretLast4: secret.slice(-4),
      createdAt: existing?.createdAt ?? now.toISOString(),
      ...(existing?.disabledAt ? { disabledAt: existing.disabledAt } : {}),
    };
    if (existing) await putConnectionIfAbsent(connection, { replace: true });
    else await putConnectionIfAbsent(connection);
    written++;
  }
  return written;
}

/** The demo webhook URLs, for the start banner. */
export const demoWebhookUrls = (origin: string) =>
  DEMO_CONNECTIONS.map(({ id, provider }) => ({
    provider,
    url: `${origin}${webhookPath(provider, id)}`,
  }));
