// Start asynchronous work and wait for it with one helper: any method marked x-async in the spec
// (product import, warehouse changes, FBS shipment documents, reports).
import { createOzonClient, OzonTaskFailedError, OzonTimeoutError, waitForAsync } from 'ozon-seller-api';

const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });

export async function main(signal: AbortSignal): Promise<void> {
  // Archive a warehouse: POST /v1/warehouse/archive, then /v1/warehouse/operation/status until SUCCESS.
  const status = await waitForAsync(ozon, '/v1/warehouse/archive', { warehouse_id: 1020002929332000, reason: 'Closed for repairs' }, { timeout: 120_000, signal });
  console.log(status.status, status.result?.entity_id);

  // Confirm a shipment and wait for its documents (/v2/posting/fbs/act/check-status until ready).
  try {
    const act = await waitForAsync(ozon, '/v2/posting/fbs/act/create', { delivery_method_id: 230039077005 }, { interval: 2_000, maxInterval: 15_000 });
    console.log(act.result?.status, act.result?.added_to_act);
  } catch (e) {
    if (e instanceof OzonTaskFailedError) console.error('documents failed:', e.message, e.result);
    else if (e instanceof OzonTimeoutError) console.error('still not ready:', e.message);
    else throw e;
  }
}
