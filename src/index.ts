export { createOzonClient, type OzonClient } from './client.js';
export { OzonApiError, OzonNetworkError, OzonTimeoutError, errorFromResponse, type OzonErrorDetail, type OzonApiErrorInit } from './errors.js';
export { unwrap, type FetchResult } from './unwrap.js';
export { DEFAULT_BASE_URL, DEFAULT_TIMEOUT_MS, DEFAULT_USER_AGENT, isLoopbackHost, type OzonClientOptions } from './options.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
export { operations, operationInfo, type OperationInfo, type OperationKey, type PaginatedPath, type ReportPath, type Pagination, type RateLimit } from '../generated/operations.js';
export type { paths, components, operations as operationTypes } from '../generated/schema.js';
