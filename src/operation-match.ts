import { operations, type OperationInfo } from '../generated/operations.js';

const table = operations as Record<string, OperationInfo>;

/** Templated paths (`/v1/order/{id}`) as regular expressions, per method. */
const templates: { method: string; re: RegExp; info: OperationInfo }[] = Object.values(table)
  .filter((info) => info.path.includes('{'))
  .map((info) => ({
    method: info.method,
    info,
    re: new RegExp(`^${info.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));

/** The spec's operation for a request method and URL path (relative to the API root), if any. */
export function matchOperation(method: string, pathname: string): OperationInfo | undefined {
  const m = method.toUpperCase();
  const exact = table[`${m} ${pathname}`];
  if (exact) return exact;
  return templates.find((t) => t.method === m && t.re.test(pathname))?.info;
}
