import { seedDemoConnections } from '../../functions/payments/demo-connections';
import { getConfig } from '../../shared/config';
import { seedOnce } from '../../shared/db/seed';
import { seedAccounts } from './seed-accounts';
import { demoProducts, demoSellers, SEED_VERSION } from './seed-data';
import { seedHistory } from './seed-history';

/**
 * Seeds the demo data and the demo sign-ins once (idempotent across restarts); `history`: also the
 * year of demo sales and inputs (default: unless SEED_HISTORY=false).
 */
export async function seed(
  now = new Date(),
  options: { history?: boolean; onHistoryWrite?: () => void } = {},
) {
  const wrote = await seedOnce(SEED_VERSION, demoSellers, demoProducts, now);
  const accounts = await seedAccounts();
  // The demo cooperative's payOS, SePay and Casso connections (secret: DEMO_WEBHOOK_SECRET).
  const demoSecret = process.env.DEMO_WEBHOOK_SECRET;
  const paymentConnections = demoSecret ? await seedDemoConnections(demoSecret, now) : 0;
  // A year of demo sales and officer inputs for the statistics (once; docs/statistics.md).
  const history =
    (options.history ?? getConfig().SEED_HISTORY === 'true')
      ? await seedHistory(now, { onWrite: options.onHistoryWrite })
      : undefined;
  return {
    wrote,
    sellers: demoSellers.length,
    products: demoProducts.length,
    accounts,
    paymentConnections,
    history,
  };
}
