export { createOzonClient, type OzonClient } from './client.js';
export type { CallOptions, CallResult, ClientMethod, InitOf, OperationOf, PathsWith, SuccessOf, ErrorOf, TypedClient } from './client-types.js';
export { OzonApiError, OzonNetworkError, OzonTimeoutError, type OzonErrorDetail, type OzonApiErrorInit } from './errors.js';
export { errorFromResponse } from './response-errors.js';
export { unwrap, type FetchResult } from './unwrap.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_REQUESTS_PER_SECOND,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
  isLoopbackHost,
  type OzonClientOptions,
  type RequestOptions,
} from './options.js';
export { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
export { systemClock, type Clock } from './clock.js';
export { memoryLimiter, type RateLimiter } from './rate-limit.js';
export type { AccessToken } from './auth.js';
export { parseJson } from './json.js';
export { defaultDeprecationHandler, type DeprecationHandler, type DeprecationNotice } from './deprecation.js';
export { paginate, type PostClient } from './paginate.js';
export type { Page, PageItem, PaginateBody, PaginateOptions, RequestBodyOf, ResponseOf } from './paginate-types.js';
export { waitFor, OzonTaskFailedError, type WaitOptions, type CheckResult, type Waiting } from './poll.js';
export { createReport, waitForReport, type ReadyReport } from './reports.js';
export { waitForAsync, waitForStarted, type AsyncResult, type AsyncStarted, type WaitForStartedOptions } from './async.js';
export {
  waitForProductImport,
  waitForWarehouseOperation,
  type ImportItem,
  type ProductImportResult,
  type ProductImportWaitOptions,
  type WarehouseOperationStatus,
} from './tasks.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
export { operations, operationInfo, type OperationInfo, type OperationKey, type PaginatedPath, type ReportPath, type AsyncPath, type AsyncWork, type Pagination, type RateLimit } from '../generated/operations.js';
export type { paths, components, operations as operationTypes } from '../generated/schema.js';
