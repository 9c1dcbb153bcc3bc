import { operationInfo, type ReportPath } from '../generated/operations.js';
import type { components } from '../generated/schema.js';
import type { PostClient } from './paginate.js';
import type { RequestBodyOf } from './paginate-types.js';
import { resolveWaitOptions, waitFor, OzonTaskFailedError, type WaitOptions } from './poll.js';
import { unwrap } from './unwrap.js';

/** The state of a finished report: `status` is `success` and `file` is the link to download. */
export type ReadyReport = components['schemas']['ReportInfo'] & { status: 'success'; file: string };

const INFO = '/v1/report/info';

/**
 * Polls `/v1/report/info` until report `code` is ready. Returns its info with the file link;
 * throws `OzonTaskFailedError` (an `OzonApiError`) with Ozon's error when it failed.
 */
export async function waitForReport(client: PostClient, code: string, opts?: WaitOptions): Promise<ReadyReport> {
  if (typeof code !== 'string' || code === '') throw new TypeError('waitForReport: code must be a non-empty string');
  const what = `report ${code}`;
  return waitFor<ReadyReport>(
    async (signal) => {
      const data = await unwrap(client.POST(INFO, { body: { code }, ...(signal ? { signal } : {}) }));
      const info = data.result;
      const status = info?.status;
      if (status === 'success') {
        if (!info?.file) {
          throw new OzonTaskFailedError({ status: 200, method: 'POST', path: INFO, result: data, message: `${what} is ready but Ozon gave no file link` });
        }
        return { done: true, value: info as ReadyReport };
      }
      if (status === 'failed') {
        const reason = info?.error ? `: ${info.error}` : ' (Ozon gave no reason)';
        throw new OzonTaskFailedError({ status: 200, method: 'POST', path: INFO, result: data, message: `${what} failed${reason}` });
      }
      return { done: false, state: status ?? 'no status' };
    },
    { method: 'POST', path: INFO, what },
    opts,
  );
}

/**
 * Creates a report with an `x-report` method and waits until its file is ready.
 *
 * ```ts
 * const report = await createReport(ozon, '/v1/report/products/create', { language: 'EN' }, { timeout: 300_000 });
 * console.log(report.file);
 * ```
 */
export async function createReport<P extends ReportPath>(client: PostClient, path: P, body: RequestBodyOf<P>, opts?: WaitOptions): Promise<ReadyReport> {
  if (!operationInfo('POST', path)?.report) throw new TypeError(`createReport: POST ${String(path)} does not create a report (no x-report in the spec)`);
  resolveWaitOptions(opts); // a bad option fails before the report is created
  const post = client.POST as unknown as (p: string, init: object) => Promise<{ data?: { result?: { code?: string }; code?: string }; response: Response }>;
  const signal = opts?.signal;
  const created = await unwrap(post(path, { body, ...(signal ? { signal } : {}) }));
  // Most report methods answer `{ result: { code } }`; the placement reports answer `{ code }`.
  const code = created?.result?.code ?? created?.code;
  if (typeof code !== 'string' || !code) {
    throw new OzonTaskFailedError({ status: 200, method: 'POST', path, result: created, message: `POST ${path} answered without a report code` });
  }
  return waitForReport(client, code, opts);
}
