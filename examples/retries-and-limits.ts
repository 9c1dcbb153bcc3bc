// Configure retries and rate limits for a client, and per request.
import { createOzonClient, DEFAULT_RETRY_POLICY, unwrap } from 'ozon-seller-api';

const ozon = createOzonClient({
  clientId: process.env.OZON_CLIENT_ID!,
  apiKey: process.env.OZON_API_KEY!,
  timeoutMs: 20_000,
  // Merged over DEFAULT_RETRY_POLICY: 429 is always retried (honouring Retry-After); 5xx and
  // network errors only for x-idempotent operations (reads).
  retry: { retries: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, doNotRetry: [...DEFAULT_RETRY_POLICY.doNotRetry, 500] },
  // x-rate-limit of each operation is honoured by queueing (default: true), and the account cap
  // (default 50 a second, shared by the clients of this process with the same clientId) lowered.
  rateLimits: true,
  maxRequestsPerSecond: 10,
  // Route deprecation warnings to your logger instead of process warnings (or `false`).
  onDeprecated: (notice) => console.info('[ozon]', notice.operation, '→', notice.replacedBy),
});

export async function main(): Promise<void> {
  // /v1/barcode/add allows 20 calls a minute: 25 calls all finish, the last five a minute later.
  await Promise.all(
    Array.from({ length: 25 }, (_, i) => unwrap(ozon.POST('/v1/barcode/add', { body: { barcodes: [{ barcode: `460000000${i}`, sku: 1000 + i }] } }))),
  );

  // Per request: no retries at all for a health check...
  await ozon.withOptions({ retry: false, timeoutMs: 3_000 }).POST('/v1/report/info', { body: { code: 'x' } });
  // ...or retry a mutation you know is safe to repeat (setting the same stock twice is harmless).
  const stocks = ozon.withOptions({ idempotent: true, retry: { retries: 2 } });
  await unwrap(stocks.POST('/v2/products/stocks', { body: { stocks: [{ offer_id: 'MUG-001', product_id: 1, stock: 10, warehouse_id: 22 }] } }));
}
