// Import products, wait for the task, and handle products that failed inside a 200 answer;
// then create a warehouse and wait for the operation.
import { createOzonClient, unwrap, waitForProductImport, waitForWarehouseOperation } from 'ozon-seller-api';

const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });

export async function main(): Promise<void> {
  const started = await unwrap(
    ozon.POST('/v3/product/import', {
      body: { items: [{ offer_id: 'MUG-001', name: 'Mug', description_category_id: 17028922, type_id: 91248, price: '499', vat: '0.2', images: [] }] },
    }),
  );
  const taskId = started.result?.task_id;
  if (taskId === undefined) throw new Error('no task id');

  const result = await waitForProductImport(ozon, taskId, { interval: 1_000, timeout: 300_000 });
  console.log(`${result.imported.length} imported, ${result.skipped.length} unchanged, ${result.failed.length} failed`);
  for (const item of result.failed) {
    for (const err of item.errors ?? []) console.warn(item.offer_id, err.field ?? err.attribute_name, err.message);
  }
  // Or let it throw (OzonTaskFailedError, with the same result in `error.result`):
  await waitForProductImport(ozon, taskId, { throwOnFailedItems: true });

  // Warehouse changes are asynchronous too.
  const op = await waitForWarehouseOperation(ozon, '019a4d6b-1a2b-7c3d-8e9f-0a1b2c3d4e5f');
  console.log('warehouse', op.result?.entity_id, op.type);
}
