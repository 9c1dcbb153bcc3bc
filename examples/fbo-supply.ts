// The FBO supply flow a seller follows to ship goods to Ozon's warehouses: pick a cluster and a
// cross-dock warehouse, draft the supply, choose a timeslot, turn the draft into a supply order,
// declare its cargo places and get their labels. The steps Ozon finishes later (the draft, the
// supply order, the cargo places, the labels) are waited for with `waitForStarted`, which polls
// each method's status method (`x-async` in the spec) and keeps the ids of the start answer.
import { createOzonClient, unwrap, waitForStarted, type OzonClient, type WaitOptions } from 'ozon-seller-api';

export interface SupplyPlan {
  /** What to ship: Ozon SKUs and quantities. */
  items: { sku: number; quantity: number }[];
  /** Part of the name of the cross-dock warehouse where the goods are handed in. */
  dropOff: string;
  /** Cargo places: one box each, with its products. */
  boxes: { key: string; items: { barcode: string; offer_id: string; quantity: number }[] }[];
}

export interface SupplyResult {
  clusterId: number;
  dropOffWarehouseId: number;
  draftId: number;
  timeslot: { from: string; to: string };
  orderId: number;
  supplyId: number;
  cargoIds: number[];
  labelsUrl: string;
}

/** Runs the whole flow; `wait` tunes the polling of every asynchronous step. */
export async function shipToOzon(ozon: OzonClient, plan: SupplyPlan, wait: WaitOptions = { interval: 30_000, timeout: 15 * 60_000 }): Promise<SupplyResult> {
  // 1. Where to: a macro-local cluster, and a cross-dock warehouse that hands the goods on to it.
  const clusters = await unwrap(ozon.POST('/v2/cluster/list'));
  const clusterId = clusters.result?.[0]?.macrolocal_cluster_id;
  if (clusterId === undefined) throw new Error('Ozon listed no cluster');
  const found = await unwrap(ozon.POST('/v1/warehouse/fbo/list', { body: { filter_by_supply_type: ['CREATE_TYPE_CROSSDOCK'], search: plan.dropOff } }));
  const dropOffWarehouseId = found.search?.[0]?.warehouse_id;
  if (dropOffWarehouseId === undefined) throw new Error(`no cross-dock warehouse matches "${plan.dropOff}"`);

  // 2. A draft: Ozon works out which storage warehouses of the cluster can take the goods.
  const draft = await unwrap(
    ozon.POST('/v1/draft/crossdock/create', {
      body: {
        cluster_info: { items: plan.items, macrolocal_cluster_id: clusterId },
        deletion_sku_mode: 'PARTIAL',
        delivery_info: { drop_off_warehouse: { warehouse_id: dropOffWarehouseId, warehouse_type: 'CROSS_DOCK' }, type: 'DROPOFF' },
      },
    }),
  );
  const draftId = draft.draft_id;
  if (draftId === undefined) throw new Error(`the draft was refused: ${JSON.stringify(draft.errors)}`);
  const calculated = await waitForStarted(ozon, '/v1/draft/crossdock/create', draft, wait);
  const storageWarehouseId = calculated.clusters?.[0]?.warehouses?.[0]?.storage_warehouse?.warehouse_id;
  if (storageWarehouseId === undefined) throw new Error('no storage warehouse can take this supply');

  // 3. A timeslot at the drop-off warehouse within the next two weeks.
  const from = new Date();
  const to = new Date(from.getTime() + 14 * 86_400_000);
  const slots = await unwrap(
    ozon.POST('/v2/draft/timeslot/info', {
      body: { draft_id: draftId, date_from: from.toISOString(), date_to: to.toISOString(), supply_type: 'CROSSDOCK', selected_cluster_warehouses: [{ macrolocal_cluster_id: clusterId }] },
    }),
  );
  const slot = slots.result?.drop_off_warehouse_timeslots?.days?.[0]?.timeslots?.[0];
  if (!slot?.from_in_timezone || !slot.to_in_timezone) throw new Error('no free timeslot in the next two weeks');
  const timeslot = { from: slot.from_in_timezone, to: slot.to_in_timezone };

  // 4. The supply order, made from the draft; then its supply, which the cargo places belong to.
  const supplyStarted = await unwrap(
    ozon.POST('/v2/draft/supply/create', {
      body: {
        draft_id: draftId,
        selected_cluster_warehouses: [{ macrolocal_cluster_id: clusterId, storage_warehouse_id: storageWarehouseId }],
        timeslot: { from_in_timezone: timeslot.from, to_in_timezone: timeslot.to },
        supply_type: 'CROSSDOCK',
      },
    }),
  );
  const created = await waitForStarted(ozon, '/v2/draft/supply/create', supplyStarted, wait);
  const orderId = created.order_id;
  if (orderId === undefined) throw new Error('the supply order has no id');
  const orders = await unwrap(ozon.POST('/v3/supply-order/get', { body: { order_ids: [String(orderId)] } }));
  const supplyId = orders.orders?.[0]?.supplies?.[0]?.supply_id;
  if (supplyId === undefined) throw new Error(`supply order ${orderId} has no supply yet`);

  // 5. Cargo places and their contents.
  const cargoes = plan.boxes.map((box) => ({ key: box.key, value: { type: 'BOX' as const, items: box.items } }));
  const placing = await unwrap(ozon.POST('/v1/cargoes/create', { body: { supply_id: supplyId, cargoes, delete_current_version: true } }));
  const placed = await waitForStarted(ozon, '/v1/cargoes/create', placing, wait);
  const cargoIds = (placed.result?.cargoes ?? []).flatMap((c) => (c.value?.cargo_id === undefined ? [] : [c.value.cargo_id]));

  // 6. One PDF with a label for every cargo place.
  const labelling = await unwrap(ozon.POST('/v1/cargoes-label/create', { body: { supply_id: supplyId, cargoes: cargoIds.map((cargo_id) => ({ cargo_id })) } }));
  const labels = await waitForStarted(ozon, '/v1/cargoes-label/create', labelling, wait);
  const labelsUrl = labels.result?.file_url;
  if (!labelsUrl) throw new Error('the labels are ready but Ozon gave no file');

  return { clusterId, dropOffWarehouseId, draftId, timeslot, orderId, supplyId, cargoIds, labelsUrl };
}

export async function main(): Promise<void> {
  const ozon = createOzonClient({ clientId: process.env.OZON_CLIENT_ID!, apiKey: process.env.OZON_API_KEY! });
  const result = await shipToOzon(ozon, {
    items: [{ sku: 1445625485, quantity: 120 }],
    dropOff: 'ПУШКИНО',
    boxes: [{ key: 'box-001', items: [{ barcode: '4601234567890', offer_id: 'PH-2045-BLK', quantity: 120 }] }],
  });
  console.log(`supply ${result.supplyId} (order ${result.orderId}) at ${result.timeslot.from}; labels: ${result.labelsUrl}`);
}
