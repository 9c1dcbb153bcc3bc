// The flow examples of examples/ run against the Prism mock through the typed client: every step
// must be accepted by the mock, and what the flow returns must be the ids the mock's examples
// carry (read from the bundled spec, so a changed example changes the expectation with it).
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient } from '../src/index.js';
import { shipToOzon } from '../examples/fbo-supply.js';
import { deliverByDropOff } from '../examples/fbp-drop-off.js';
import { deref, spec } from './spec.js';

const ozon = () => createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), onDeprecated: false, retry: false });
const answer = (path: string): any => deref(spec.paths[path].post.responses['200']).content['application/json'].example;
const fast = { interval: 1, timeout: 10_000 };

describe('examples against the Prism mock', () => {
  it('examples/fbo-supply.ts: cluster, warehouse, draft, timeslot, supply order, cargo places and labels', async () => {
    const result = await shipToOzon(
      ozon(),
      {
        items: [{ sku: 1445625485, quantity: 120 }],
        dropOff: 'ПУШКИНО',
        boxes: [{ key: 'box-001', items: [{ barcode: '4601234567890', offer_id: 'PH-2045-BLK', quantity: 120 }] }],
      },
      fast,
    );
    const slot = answer('/v2/draft/timeslot/info').result.drop_off_warehouse_timeslots.days[0].timeslots[0];
    expect(result).toEqual({
      clusterId: answer('/v2/cluster/list').result[0].macrolocal_cluster_id,
      dropOffWarehouseId: answer('/v1/warehouse/fbo/list').search[0].warehouse_id,
      draftId: answer('/v1/draft/crossdock/create').draft_id,
      timeslot: { from: slot.from_in_timezone, to: slot.to_in_timezone },
      orderId: answer('/v2/draft/supply/create/status').order_id,
      supplyId: answer('/v3/supply-order/get').orders[0].supplies[0].supply_id,
      cargoIds: answer('/v2/cargoes/create/info').result.cargoes.map((c: any) => c.value.cargo_id),
      labelsUrl: answer('/v1/cargoes-label/get').result.file_url,
    });
  });

  it('examples/fbp-drop-off.ts: validate products, pick a drop-off point, draft, register and get the label', async () => {
    const result = await deliverByDropOff(ozon(), { products: [{ sku: 1626044001, count: 40 }], province: answer('/v1/fbp/draft/drop-off/province/list').provinces[0].name, places: 3 }, fast);
    const draft = answer('/v1/fbp/draft/drop-off/create');
    expect(result).toEqual({
      warehouseId: answer('/v1/fbp/warehouse/list').warehouses[0].id,
      bundleId: answer('/v1/fbp/draft/drop-off/product/validate').bundle_id,
      dropOffPointId: answer('/v1/fbp/draft/drop-off/point/list').drop_off_points[0].drop_off_point_id,
      draftId: draft.draft_id,
      supplyId: draft.supply_id,
      labelUrl: answer('/v1/fbp/label/get').label_url,
    });
  });

  it('a flow step the mock refuses surfaces as an error, not a wrong result', async () => {
    // An unknown province: the example stops before drafting anything.
    await expect(deliverByDropOff(ozon(), { products: [{ sku: 1626044001, count: 40 }], province: 'Nowhere', places: 3 }, fast)).rejects.toThrow('no drop-off points in Nowhere');
  });
});
