// An FBP drop-off delivery, from draft to label: the seller validates the products for a partner
// warehouse, picks a drop-off point, drafts the delivery, registers it as an order and prints the
// label for its cargo places. The label is made asynchronously: `waitForStarted` polls
// `/v1/fbp/label/get` (the status method the spec names in `x-async`) until the file is ready.
import { createOzonClient, unwrap, waitForStarted, type OzonClient, type WaitOptions } from 'ozon-seller-api';

export interface DropOffPlan {
  /** Products to deliver: Ozon SKUs and quantities. */
  products: { sku: number; count: number }[];
  /** Name of the province whose drop-off point the seller uses. */
  province: string;
  /** Number of cargo places (boxes or pallets). */
  places: number;
}

export interface DropOffResult {
  warehouseId: number;
  bundleId: string;
  dropOffPointId: number;
  draftId: number;
  supplyId: string;
  labelUrl: string;
}

/** Runs the whole flow; `wait` tunes the polling of the label. */
export async function deliverByDropOff(ozon: OzonClient, plan: DropOffPlan, wait: WaitOptions = { interval: 5_000, timeout: 5 * 60_000 }): Promise<DropOffResult> {
  // 1. The partner warehouse, and the products it accepts (Ozon bundles the valid ones).
  const { warehouses } = await unwrap(ozon.POST('/v1/fbp/warehouse/list'));
  const warehouseId = warehouses?.[0]?.id;
  if (warehouseId === undefined) throw new Error('no FBP partner warehouse is available');
  const checked = await unwrap(ozon.POST('/v1/fbp/draft/drop-off/product/validate', { body: { skus: plan.products, warehouse_id: warehouseId } }));
  if (checked.rejected_items?.length) throw new Error(`rejected: ${checked.rejected_items.map((i) => i.sku).join(', ')}`);
  const bundleId = checked.bundle_id;
  if (!bundleId) throw new Error('Ozon made no product bundle');

  // 2. A drop-off point in the province, with the nearest day it takes goods.
  const { provinces } = await unwrap(ozon.POST('/v1/fbp/draft/drop-off/province/list', { body: { warehouse_id: warehouseId } }));
  const province = provinces?.find((p) => p.name === plan.province);
  if (!province?.province_uuid) throw new Error(`no drop-off points in ${plan.province}`);
  const points = await unwrap(
    ozon.POST('/v1/fbp/draft/drop-off/point/list', { body: { province_uuid: province.province_uuid, warehouse_id: warehouseId, next_page_number: 1, page_size: 20 } }),
  );
  const point = points.drop_off_points?.[0];
  if (point?.drop_off_point_id === undefined || !point.nearest_drop_off_date) throw new Error('no drop-off point is open');

  // 3. The draft, then its registration as an order.
  const draft = await unwrap(
    ozon.POST('/v1/fbp/draft/drop-off/create', {
      body: {
        bundle_id: bundleId,
        warehouse_id: warehouseId,
        package_units_count: plan.places,
        delivery_details: { drop_off_point_id: point.drop_off_point_id, drop_off_province_uuid: province.province_uuid, drop_off_date: point.nearest_drop_off_date.slice(0, 10) },
      },
    }),
  );
  if (draft.draft_id === undefined || !draft.supply_id || draft.row_version === undefined) throw new Error('the draft was not created');
  const registered = await unwrap(ozon.POST('/v1/fbp/draft/drop-off/registrate', { body: { supply_id: draft.supply_id, row_version: draft.row_version } }));
  if (registered.is_error) throw new Error(`the draft was not registered: ${JSON.stringify(registered)}`);

  // 4. The label: started, then polled until the file is ready.
  const started = await unwrap(ozon.POST('/v1/fbp/label/create', { body: { supply_id: draft.supply_id } }));
  const label = await waitForStarted(ozon, '/v1/fbp/label/create', started, { ...wait, request: { supply_id: draft.supply_id } });
  if (!label.label_url) throw new Error('the label is ready but Ozon gave no link');

  return { warehouseId, bundleId, dropOffPointId: point.drop_off_point_id, draftId: draft.draft_id, supplyId: draft.supply_id, labelUrl: label.label_url };
}

export async function main(): Promise<void> {
  const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });
  const result = await deliverByDropOff(ozon, { products: [{ sku: 1626044001, count: 40 }], province: 'Istanbul', places: 3 });
  console.log(`order ${result.draftId} (supply ${result.supplyId}) at point ${result.dropOffPointId}; label: ${result.labelUrl}`);
}
