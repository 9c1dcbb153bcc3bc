import type { PostClient } from './paginate.js';
import type { ResponseOf } from './paginate-types.js';
import { OzonTaskFailedError, waitFor, type WaitOptions } from './poll.js';
import { unwrap } from './unwrap.js';

type ImportInfo = ResponseOf<'/v1/product/import/info'>;
/** One product of an import task, with its `status` and `errors`. */
export type ImportItem = NonNullable<NonNullable<NonNullable<ImportInfo['result']>['items']>[number]>;

/** A finished product import task. Ozon reports per-product failures inside a 200: see `failed`. */
export interface ProductImportResult {
  taskId: number | string;
  /** Every product of the task, as Ozon returned it. */
  items: ImportItem[];
  /** Products saved successfully (`status: imported`); they may still carry warnings in `errors`. */
  imported: ImportItem[];
  /** Products that failed (`status: failed`), each with its `errors`. */
  failed: ImportItem[];
  /** Products the request did not change (`status: skipped`). */
  skipped: ImportItem[];
  /** True when no product failed. */
  ok: boolean;
}

export interface ProductImportWaitOptions extends WaitOptions {
  /** Throw `OzonTaskFailedError` (with the result in `result`) when any product failed, instead of returning it. Default: false. */
  throwOnFailedItems?: boolean;
}

const IMPORT_INFO = '/v1/product/import/info';
const FINAL = new Set(['imported', 'failed', 'skipped']);

/**
 * Polls `/v1/product/import/info` until every product of import task `taskId` is imported,
 * failed or skipped. Returns all items, split by outcome; failed items are never dropped.
 *
 * ```ts
 * const result = await waitForProductImport(ozon, taskId);
 * for (const item of result.failed) console.warn(item.offer_id, item.errors);
 * ```
 */
export async function waitForProductImport(client: PostClient, taskId: number | string, opts: ProductImportWaitOptions = {}): Promise<ProductImportResult> {
  if ((typeof taskId !== 'number' && typeof taskId !== 'string') || taskId === '') throw new TypeError('waitForProductImport: taskId must be a number or a string');
  const { throwOnFailedItems = false, ...wait } = opts;
  const what = `product import task ${taskId}`;
  const result = await waitFor<ProductImportResult>(
    async (signal) => {
      const data = await unwrap(client.POST(IMPORT_INFO, { body: { task_id: taskId }, ...(signal ? { signal } : {}) }));
      const items = (data.result?.items ?? []) as ImportItem[];
      const total = data.result?.total;
      const pending = items.filter((i) => !FINAL.has(i.status ?? '')).length;
      if (items.length === 0 || pending > 0 || (typeof total === 'number' && items.length < total)) {
        return { done: false, state: `${items.length - pending} of ${total ?? items.length} products processed` };
      }
      const by = (s: string) => items.filter((i) => i.status === s);
      const failed = by('failed');
      return { done: true, value: { taskId, items, imported: by('imported'), failed, skipped: by('skipped'), ok: failed.length === 0 } };
    },
    { method: 'POST', path: IMPORT_INFO, what },
    wait,
  );
  if (throwOnFailedItems && !result.ok) {
    const sample = result.failed
      .slice(0, 3)
      .map((i) => `${i.offer_id ?? i.product_id ?? '?'}: ${i.errors?.map((e) => e.message || e.code).join(', ') || 'no error given'}`)
      .join('; ');
    throw new OzonTaskFailedError({
      status: 200,
      method: 'POST',
      path: IMPORT_INFO,
      result,
      message: `${what}: ${result.failed.length} of ${result.items.length} products failed (${sample}${result.failed.length > 3 ? '; ...' : ''})`,
    });
  }
  return result;
}

/** The status of a finished warehouse operation (`status: SUCCESS`). */
export type WarehouseOperationStatus = ResponseOf<'/v1/warehouse/operation/status'>;
const WAREHOUSE_STATUS = '/v1/warehouse/operation/status';

/**
 * Polls `/v1/warehouse/operation/status` until warehouse operation `operationId` succeeds, and
 * returns its status (with the warehouse id in `result`); throws `OzonTaskFailedError` with Ozon's
 * error when it ends in `ERROR`.
 */
export async function waitForWarehouseOperation(client: PostClient, operationId: string, opts?: WaitOptions): Promise<WarehouseOperationStatus> {
  if (typeof operationId !== 'string' || operationId === '') throw new TypeError('waitForWarehouseOperation: operationId must be a non-empty string');
  const what = `warehouse operation ${operationId}`;
  return waitFor<WarehouseOperationStatus>(
    async (signal) => {
      const data = await unwrap(client.POST(WAREHOUSE_STATUS, { body: { operation_id: operationId }, ...(signal ? { signal } : {}) }));
      if (data.status === 'SUCCESS') return { done: true, value: data };
      if (data.status === 'ERROR') {
        const e = data.error;
        const reason = e?.message || e?.code ? `: ${[e.code, e.message].filter(Boolean).join(' ')}` : ' (Ozon gave no reason)';
        throw new OzonTaskFailedError({ status: 200, method: 'POST', path: WAREHOUSE_STATUS, result: data, message: `${what} failed${reason}` });
      }
      return { done: false, state: data.status ?? 'no status' };
    },
    { method: 'POST', path: WAREHOUSE_STATUS, what },
    opts,
  );
}
