import type { Role } from '../shared/accounts/principal';
import type { TableId } from './tables';

/**
 * THE route manifest. Each entry is one API route: the CDK stack makes an HTTP API route and grants
 * its function exactly the table access named here; the local host serves the same path with the
 * same handler module; the robustness and access tests walk every entry. Add a route here and it
 * joins all of them.
 *
 * Handlers are grouped: one Lambda function per `group` (infra/bundle-entries.ts generates the
 * group's entry, which dispatches on the API Gateway routeKey). The function gets the union of its
 * routes' grants.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type TableAccess = 'read' | 'write' | 'readWrite';
/**
 * `public`: anyone. Otherwise the roles allowed; a seller's API key counts as the seller role only
 * where `apiKey` is true (keys never manage keys, passwords or sessions).
 */
export type RouteAuth = 'public' | { roles: readonly Role[]; apiKey?: boolean };

export interface RouteDefinition {
  method: HttpMethod;
  /** API Gateway v2 path syntax: `/api/products/{id}`. Always under /api/. */
  path: `/api/${string}`;
  /** Handler module, relative to the repository root; it exports `handler`. */
  handler: string;
  /** Lambda function that serves this route. */
  group: string;
  /** Who may call it. */
  auth: RouteAuth;
  tables: Partial<Record<TableId, TableAccess>>;
  /** Product images in object storage (S3 on AWS, DATA_DIR/uploads locally). */
  images?: TableAccess;
  /** Above the API default of 10 s (the function takes the largest of its routes). */
  timeoutSeconds?: number;
  /**
   * Served by the local host only (developer tools such as the simulated bank transfer): the AWS
   * stack never bundles, deploys nor routes it (`awsRoutes`), and the handler refuses to run
   * outside the local host and tests.
   */
  localOnly?: true;
  /**
   * Sends mail (shared/mail): on AWS the function gets `ses:SendEmail` on the stack's SES identity
   * and configuration set only, and MAIL_FROM / SES_CONFIGURATION_SET / SITE_URL.
   */
  mail?: true;
  /**
   * Fills the site's built pages (functions/pages): on AWS the function gets SITE_BUCKET and
   * s3:GetObject on the page templates only (shared/pages/templates.ts).
   */
  siteTemplates?: true;
  summary: string;
}

export interface StreamConsumerDefinition {
  id: string;
  handler: string;
  /** Table whose stream is consumed. */
  source: TableId;
  tables: Partial<Record<TableId, TableAccess>>;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  retryAttempts: number;
  /** Sends mail (seller notifications), as for routes. */
  mail?: true;
}

export interface JobDefinition {
  id: string;
  handler: string;
  everyMinutes: number;
  tables: Partial<Record<TableId, TableAccess>>;
  summary: string;
}

const SELLER = { roles: ['seller'], apiKey: true } as const;
const SELLER_SESSION = { roles: ['seller'] } as const;
const OFFICER = { roles: ['officer', 'admin'] } as const;
const ADMIN = { roles: ['admin'] } as const;
const SIGNED_IN = { roles: ['seller', 'officer', 'admin'] } as const;
const R = { main: 'read' } as const;
const RW = { main: 'readWrite' } as const;

export const routes: readonly RouteDefinition[] = [
  // system
  {
    method: 'GET',
    path: '/api/health',
    handler: 'functions/system/get-health.ts',
    group: 'system',
    auth: 'public',
    tables: R,
    summary:
      'Status only (ok, degraded, unavailable): 200 or 503. Details: GET /api/officer/health.',
  },
  {
    method: 'GET',
    path: '/api/openapi.json',
    handler: 'functions/system/get-openapi.ts',
    group: 'system',
    auth: 'public',
    tables: {},
    summary: 'OpenAPI 3.1 description of this API, generated from the zod schemas.',
  },
  {
    method: 'GET',
    path: '/api/meta/reference-data',
    handler: 'functions/system/get-reference-data.ts',
    group: 'system',
    auth: 'public',
    tables: {},
    summary: 'Communes, sectors, banks, categories, units and certifications for pickers.',
  },
  // accounts
  {
    method: 'POST',
    path: '/api/sellers',
    handler: 'functions/accounts/register-seller.ts',
    group: 'accounts',
    auth: 'public',
    tables: RW,
    summary: 'Seller sign-up: account and profile, pending approval.',
  },
  {
    method: 'POST',
    path: '/api/auth/sign-in',
    handler: 'functions/accounts/sign-in.ts',
    group: 'accounts',
    auth: 'public',
    tables: RW,
    summary:
      'Signs in with email or phone and password; returns a session token and sets the session cookie.',
  },
  {
    method: 'POST',
    path: '/api/auth/sign-out',
    handler: 'functions/accounts/sign-out.ts',
    group: 'accounts',
    auth: SIGNED_IN,
    tables: RW,
    summary: 'Ends the current session.',
  },
  {
    method: 'GET',
    path: '/api/me',
    handler: 'functions/accounts/get-me.ts',
    group: 'accounts',
    auth: { roles: ['seller', 'officer', 'admin'], apiKey: true },
    tables: R,
    summary: 'The signed-in account and, for sellers, the seller profile.',
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/request',
    handler: 'functions/accounts/password-reset-request.ts',
    group: 'accounts',
    auth: 'public',
    tables: RW,
    mail: true,
    summary:
      'Mails a one-time password-reset link (30 minutes) to an active account; the same 202 for any login. Throttled per login and address.',
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    handler: 'functions/accounts/password-reset-confirm.ts',
    group: 'accounts',
    auth: 'public',
    tables: RW,
    mail: true,
    summary:
      "Sets a new password with a reset link's token (single use); ends every session of the account.",
  },
  {
    method: 'POST',
    path: '/api/me/password',
    handler: 'functions/accounts/change-password.ts',
    group: 'accounts',
    auth: SIGNED_IN,
    tables: RW,
    summary: 'Changes the password; ends every other session.',
  },
  // seller profile and API keys
  {
    method: 'PUT',
    path: '/api/seller/profile',
    handler: 'functions/sellers/update-profile.ts',
    group: 'sellers',
    auth: SELLER_SESSION,
    tables: RW,
    summary: "Updates the seller's own profile (optimistic concurrency).",
  },
  {
    method: 'GET',
    path: '/api/seller/api-keys',
    handler: 'functions/sellers/list-api-keys.ts',
    group: 'sellers',
    auth: SELLER_SESSION,
    tables: R,
    summary: "Lists the seller's API keys (never the secrets).",
  },
  {
    method: 'POST',
    path: '/api/seller/api-keys',
    handler: 'functions/sellers/create-api-key.ts',
    group: 'sellers',
    auth: SELLER_SESSION,
    tables: RW,
    summary: 'Creates an API key, shown once.',
  },
  {
    method: 'DELETE',
    path: '/api/seller/api-keys/{keyId}',
    handler: 'functions/sellers/revoke-api-key.ts',
    group: 'sellers',
    auth: SELLER_SESSION,
    tables: RW,
    summary: "Revokes one of the seller's API keys.",
  },
  // officers and admins
  {
    method: 'GET',
    path: '/api/officer/sellers',
    handler: 'functions/officer/list-sellers.ts',
    group: 'officer',
    auth: OFFICER,
    tables: R,
    summary: 'Sellers by status (the approval queue is status=pending).',
  },
  {
    method: 'POST',
    path: '/api/officer/sellers/{sellerId}/status',
    handler: 'functions/officer/set-seller-status.ts',
    group: 'officer',
    auth: OFFICER,
    tables: RW,
    summary: 'Approves, suspends or reinstates a seller.',
  },
  {
    method: 'POST',
    path: '/api/officer/sellers/{sellerId}/one-time-password',
    handler: 'functions/officer/one-time-password.ts',
    group: 'officer',
    auth: OFFICER,
    tables: RW,
    summary:
      "Officer-assisted reset: a one-time password (30 minutes, single use, shown once, audited with the reason) for the seller's account.",
  },
  {
    method: 'POST',
    path: '/api/admin/officers',
    handler: 'functions/admin/create-officer.ts',
    group: 'officer',
    auth: ADMIN,
    tables: RW,
    summary: 'Creates an officer account with a one-time password.',
  },
  {
    method: 'GET',
    path: '/api/officer/bank-changes',
    handler: 'functions/officer/list-bank-changes.ts',
    group: 'officer',
    auth: OFFICER,
    tables: R,
    summary: 'Sellers whose requested bank-account change waits for review, oldest first.',
  },
  {
    method: 'POST',
    path: '/api/officer/sellers/{sellerId}/bank-change',
    handler: 'functions/officer/decide-bank-change.ts',
    group: 'officer',
    auth: OFFICER,
    tables: RW,
    summary:
      "Approves (it becomes the account paid by VietQR) or rejects a seller's new bank account.",
  },
  {
    method: 'GET',
    path: '/api/officer/health',
    handler: 'functions/officer/get-health-details.ts',
    group: 'system',
    auth: OFFICER,
    tables: R,
    summary: 'The health report with details: tables, item counts per entity, scheduler.',
  },
  {
    method: 'GET',
    path: '/api/admin/accounts',
    handler: 'functions/admin/list-accounts.ts',
    group: 'officer',
    auth: ADMIN,
    tables: R,
    summary: 'Accounts of one role (officer, seller, admin), oldest first, cursor pagination.',
  },
  {
    method: 'POST',
    path: '/api/admin/accounts/{accountId}/status',
    handler: 'functions/admin/set-account-status.ts',
    group: 'officer',
    auth: ADMIN,
    tables: RW,
    summary:
      "Disables or enables an officer's or seller's sign-in; disabling ends its sessions at once.",
  },
  {
    method: 'GET',
    path: '/api/admin/audit',
    handler: 'functions/admin/list-audit.ts',
    group: 'officer',
    auth: ADMIN,
    tables: R,
    summary: 'The audit trail, newest first: filter by account or seller and by action; cursor.',
  },
  // catalog, public
  {
    method: 'GET',
    path: '/api/products',
    handler: 'functions/catalog/list-products.ts',
    group: 'catalog',
    auth: 'public',
    tables: R,
    summary:
      'Storefront search and browse: q (accent-insensitive), filters, sort, cursor pagination.',
  },
  {
    method: 'GET',
    path: '/api/products/{productId}',
    handler: 'functions/catalog/get-product.ts',
    group: 'catalog',
    auth: 'public',
    tables: R,
    summary: 'One listed product with its seller.',
  },
  // pages filled on the server (shared/http/page-routes.ts maps `/` and `/san-pham/` here)
  {
    method: 'GET',
    path: '/api/pages/storefront',
    handler: 'functions/pages/get-storefront-page.ts',
    group: 'pages',
    auth: 'public',
    tables: R,
    siteTemplates: true,
    summary:
      'HTML: the storefront page with its first products in it (served at `/`); a search or filter gets the page as built.',
  },
  {
    method: 'GET',
    path: '/api/pages/product',
    handler: 'functions/pages/get-product-page.ts',
    group: 'pages',
    auth: 'public',
    tables: R,
    siteTemplates: true,
    summary: 'HTML: the product page with the product `id` in it (served at `/san-pham/?id=`).',
  },
  // catalog, the seller's own
  {
    method: 'GET',
    path: '/api/seller/products',
    handler: 'functions/catalog/list-own-products.ts',
    group: 'sellerCatalog',
    auth: SELLER,
    tables: R,
    summary: "The seller's own products, any status.",
  },
  {
    method: 'POST',
    path: '/api/seller/products',
    handler: 'functions/catalog/create-product.ts',
    group: 'sellerCatalog',
    auth: SELLER,
    tables: RW,
    // Reads each named image's first bytes: it must exist and be the image its key names.
    images: 'read',
    summary: 'Creates a product.',
  },
  {
    method: 'GET',
    path: '/api/seller/products/{productId}',
    handler: 'functions/catalog/get-own-product.ts',
    group: 'sellerCatalog',
    auth: SELLER,
    tables: R,
    summary: "One of the seller's products.",
  },
  {
    method: 'PUT',
    path: '/api/seller/products/{productId}',
    handler: 'functions/catalog/update-product.ts',
    group: 'sellerCatalog',
    auth: SELLER,
    tables: RW,
    images: 'read',
    summary: 'Updates a product; 409 on a stale version.',
  },
  {
    method: 'POST',
    path: '/api/seller/products/{productId}/archive',
    handler: 'functions/catalog/archive-product.ts',
    group: 'sellerCatalog',
    auth: SELLER,
    tables: RW,
    summary: 'Archives a product (leaves the storefront).',
  },
  {
    method: 'POST',
    path: '/api/seller/imports',
    handler: 'functions/catalog/import-products.ts',
    group: 'sellerImports',
    auth: SELLER,
    tables: RW,
    // Reads the first bytes of each image key the file names (it must have been uploaded).
    images: 'read',
    // A 2000-row file is ~21 sequential transactions: give it API Gateway's whole 29 s.
    timeoutSeconds: 29,
    summary:
      'Bulk import from CSV or XLSX: validated per row, all-or-nothing unless asked for the valid rows.',
  },
  {
    method: 'GET',
    path: '/api/seller/imports/template',
    handler: 'functions/catalog/get-import-template.ts',
    group: 'sellerImports',
    auth: 'public',
    tables: {},
    summary: 'The import template, CSV or XLSX.',
  },
  {
    method: 'POST',
    path: '/api/seller/uploads',
    handler: 'functions/catalog/create-upload.ts',
    group: 'sellerUploads',
    auth: SELLER,
    tables: RW,
    // Signs a PUT only: it never reads an image (least privilege).
    images: 'write',
    summary: 'A pre-signed URL to upload one product image.',
  },
  // orders, public (the buyer has no account: the order link's token is the key)
  {
    method: 'POST',
    path: '/api/orders',
    handler: 'functions/orders/place-order.ts',
    group: 'orders',
    auth: 'public',
    tables: RW,
    summary: 'Checkout: one order per seller in one transaction; Idempotency-Key header required.',
  },
  {
    method: 'POST',
    path: '/api/orders/quote',
    handler: 'functions/orders/quote-order.ts',
    group: 'orders',
    auth: 'public',
    tables: R,
    summary: "Prices a cart (tiers, each seller's delivery fee and total); writes nothing.",
  },
  {
    method: 'GET',
    path: '/api/orders/{code}',
    handler: 'functions/orders/get-order.ts',
    group: 'orders',
    auth: 'public',
    tables: R,
    summary: "The buyer's order with its VietQR, for the link's token (?t=); ETag/304.",
  },
  {
    method: 'GET',
    path: '/api/products/{productId}/availability',
    handler: 'functions/orders/get-availability.ts',
    group: 'orders',
    auth: 'public',
    tables: R,
    summary: "A service's dates with the capacity left on each.",
  },
  // orders, the seller's own
  {
    method: 'GET',
    path: '/api/seller/orders',
    handler: 'functions/seller-orders/list-orders.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary:
      "The seller's orders, newest first: filters status, paymentStatus, from, to; cursor. Buyers masked.",
  },
  {
    method: 'GET',
    path: '/api/seller/orders/{code}',
    handler: 'functions/seller-orders/get-order.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary: "One of the seller's orders with the buyer's details and the actions allowed now.",
  },
  {
    method: 'POST',
    path: '/api/seller/orders/{code}/actions',
    handler: 'functions/seller-orders/act-on-order.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: RW,
    summary:
      'confirm | ship | deliver | pickedUp | cancel (with a reason); 409 when not allowed now.',
  },
  {
    method: 'GET',
    path: '/api/seller/refunds',
    handler: 'functions/seller-orders/list-refunds.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary: 'Refunds the seller owes (cancelled orders that were paid).',
  },
  {
    method: 'POST',
    path: '/api/seller/refunds/{refundId}/close',
    handler: 'functions/seller-orders/close-refund.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: RW,
    summary: 'Closes a refund with the bank reference of the transfer back.',
  },
  {
    method: 'GET',
    path: '/api/seller/delivery-options',
    handler: 'functions/seller-orders/get-delivery-options.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary: "The seller's delivery options: pickup and address, shipping fee, cash on delivery.",
  },
  {
    method: 'PUT',
    path: '/api/seller/delivery-options',
    handler: 'functions/seller-orders/put-delivery-options.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: RW,
    summary: "Replaces the seller's delivery options.",
  },
  {
    method: 'POST',
    path: '/api/seller/counter-sales',
    handler: 'functions/seller-orders/create-counter-sale.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: RW,
    summary:
      'Records an in-person sale (items or an amount; cash or VietQR); stock stops at 0 with a warning.',
  },
  {
    method: 'GET',
    path: '/api/seller/counter-sales',
    handler: 'functions/seller-orders/list-counter-sales.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary: "The seller's counter sales, newest first.",
  },
  {
    method: 'GET',
    path: '/api/seller/static-qr',
    handler: 'functions/seller-orders/get-static-qr.ts',
    group: 'sellerOrders',
    auth: SELLER,
    tables: R,
    summary: "The seller's static VietQR (no amount) for the printed stall sign.",
  },
  // statistics (docs/statistics.md)
  {
    method: 'GET',
    path: '/api/stats/indicators',
    handler: 'functions/stats/get-indicators.ts',
    group: 'stats',
    auth: OFFICER,
    tables: R,
    summary:
      'Platform-contribution indicators of a period, area and sector: formulas, inputs used or missing, targets, monthly series.',
  },
  {
    method: 'GET',
    path: '/api/officer/inputs',
    handler: 'functions/officer/inputs-list.ts',
    group: 'stats',
    auth: OFFICER,
    tables: R,
    summary:
      "A year's officer inputs (TMBL, GRDP, enterprises, ratios, operator value added, targets), every version.",
  },
  {
    method: 'POST',
    path: '/api/officer/inputs',
    handler: 'functions/officer/inputs-put.ts',
    group: 'stats',
    auth: OFFICER,
    tables: RW,
    summary: 'Enters or corrects one input with its source (a correction adds a version); audited.',
  },
  {
    method: 'POST',
    path: '/api/officer/inputs/tmbl-csv',
    handler: 'functions/officer/inputs-tmbl-csv.ts',
    group: 'stats',
    auth: OFFICER,
    tables: RW,
    summary: 'A year of TMBL (total, goods) by commune from CSV: all lines or none; audited.',
  },
  {
    method: 'GET',
    path: '/api/open-data/sales',
    handler: 'functions/open-data/get-sales-tables.ts',
    group: 'openData',
    auth: 'public',
    tables: R,
    summary:
      'Open data: net sales and sales by commune and sector, monthly and yearly, with disclosure control (c).',
  },
  {
    method: 'GET',
    path: '/api/stats/export',
    handler: 'functions/stats/export.ts',
    // Its own function: the XLSX writer and the export tables stay out of the stats group.
    group: 'statsExport',
    auth: OFFICER,
    tables: R,
    timeoutSeconds: 29,
    summary:
      'Officer export of a statistics table (indicators, monthly series, by commune, by sector, inputs) as CSV, XLSX (with a methodology sheet) or JSON.',
  },
  {
    method: 'GET',
    path: '/api/open-data/datapackage.json',
    handler: 'functions/open-data/datapackage.ts',
    group: 'openData',
    auth: 'public',
    tables: {},
    summary:
      'Open data: the Frictionless Data Package descriptor (fields, units, licence, sources, CSV and JSON resources per year).',
  },
  // payments: connections, receivers, manual confirmation, the unmatched queue
  {
    method: 'GET',
    path: '/api/seller/payment-connections',
    handler: 'functions/payments/list-connections.ts',
    group: 'payments',
    auth: SELLER_SESSION,
    tables: R,
    summary:
      "The seller's payment connections (payOS, SePay, Casso) and their webhook URLs; never a secret.",
  },
  {
    method: 'POST',
    path: '/api/seller/payment-connections',
    handler: 'functions/payments/create-connection.ts',
    group: 'payments',
    auth: SELLER_SESSION,
    tables: RW,
    summary: 'Adds a payment connection; the secret is encrypted at rest and never shown again.',
  },
  {
    method: 'DELETE',
    path: '/api/seller/payment-connections/{connectionId}',
    handler: 'functions/payments/disable-connection.ts',
    group: 'payments',
    auth: SELLER_SESSION,
    tables: RW,
    summary:
      "Disables one of the seller's payment connections: its webhooks are refused from then on.",
  },
  {
    method: 'POST',
    path: '/api/webhooks/{provider}/{connectionId}',
    handler: 'functions/webhooks/receive-delivery.ts',
    group: 'webhooks',
    auth: 'public',
    tables: RW,
    summary:
      'A payOS, SePay or Casso bank-transfer notification, verified on the raw body; 200 once recorded.',
  },
  {
    method: 'POST',
    path: '/api/seller/orders/{code}/payments',
    handler: 'functions/payments/confirm-manually.ts',
    group: 'payments',
    auth: SELLER,
    tables: RW,
    summary:
      'Confirms a bank transfer by hand (amount, bank reference): the same path as a webhook; repeatable.',
  },
  {
    method: 'GET',
    path: '/api/seller/transfers',
    handler: 'functions/payments/list-transfers.ts',
    group: 'payments',
    auth: { roles: ['seller', 'officer', 'admin'], apiKey: true },
    tables: R,
    summary:
      "Bank transfers by state (unmatched, review, matched…): a seller its own, officers every seller's queue.",
  },
  {
    method: 'POST',
    path: '/api/seller/transfers/{transferId}/actions',
    handler: 'functions/payments/resolve-transfer.ts',
    group: 'payments',
    auth: { roles: ['seller', 'officer', 'admin'], apiKey: true },
    tables: RW,
    summary:
      'Resolves an unmatched transfer: match to an order, not a sale, or counter sale; repeatable.',
  },
  // local host only: developer tools
  {
    method: 'POST',
    path: '/api/dev/simulate-transfer',
    handler: 'functions/payments/simulate-transfer.ts',
    group: 'dev',
    auth: 'public',
    tables: R,
    localOnly: true,
    summary:
      "LOCAL ONLY: a delivery signed as payOS/SePay/Casso would for the order seller's connection, sent to the real receiver.",
  },
];

/**
 * The routes the AWS stack deploys: every route but the local-only ones. Marked pure so that a
 * bundle importing only `jobs` (the health route) does not keep the whole manifest.
 */
export const awsRoutes: readonly RouteDefinition[] = /* @__PURE__ */ routes.filter(
  (route) => !route.localOnly,
);

export const streamConsumers: readonly StreamConsumerDefinition[] = [
  {
    id: 'tableStream',
    handler: 'functions/streams/on-table-change.ts',
    source: 'main',
    tables: { main: 'readWrite' },
    batchSize: 100,
    maxBatchingWindowSeconds: 1,
    retryAttempts: 5,
    mail: true,
  },
];

export const jobs: readonly JobDefinition[] = [
  {
    id: 'heartbeat',
    handler: 'functions/jobs/record-heartbeat.ts',
    everyMinutes: 5,
    tables: { main: 'write' },
    summary: 'Records that the scheduler ran, so /api/health can tell a stalled scheduler.',
  },
  {
    id: 'expireOrders',
    handler: 'functions/jobs/expire-orders.ts',
    everyMinutes: 1,
    tables: { main: 'readWrite' },
    summary:
      'Expires unpaid VietQR orders past ORDER_PAYMENT_MINUTES and gives their stock back once.',
  },
  {
    id: 'purgeBuyerData',
    handler: 'functions/jobs/purge-buyer-data.ts',
    everyMinutes: 60,
    tables: { main: 'readWrite' },
    summary:
      'Removes buyer name, phone, email and address PII_RETENTION_DAYS after an order ended.',
  },
];

/** `GET /api/health`: the routeKey API Gateway puts into every event. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) =>
  `${route.method} ${route.path}`;

/** Route groups in manifest order, each with its routes. */
export function routeGroups(
  list: readonly RouteDefinition[] = routes,
): Map<string, RouteDefinition[]> {
  const groups = new Map<string, RouteDefinition[]>();
  for (const route of list) groups.set(route.group, [...(groups.get(route.group) ?? []), route]);
  return groups;
}

/** Union of grants: write + read = readWrite. */
export function mergeAccess(
  grants: ReadonlyArray<Partial<Record<TableId, TableAccess>>>,
): Partial<Record<TableId, TableAccess>> {
  const out: Partial<Record<TableId, TableAccess>> = {};
  for (const grant of grants) {
    for (const [table, access] of Object.entries(grant) as [TableId, TableAccess][]) {
      const prev = out[table];
      out[table] = !prev || prev === access ? access : 'readWrite';
    }
  }
  return out;
}
