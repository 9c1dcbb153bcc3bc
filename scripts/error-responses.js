// The bundle step that gives each error status its own answer. Operation files point every error
// status at components/responses/Error.yaml (one line per status, the same in every file); the
// root's `x-error-responses` maps a status to the response component that says what it means
// (400 BadRequest, 403 Forbidden, ...). Here each operation's status is pointed at that component,
// and every operation gets the statuses it does not list but Ozon's gateway can answer to any
// method (429: 50 requests a second per Client-Id). The mock then answers `Prefer: code=404` with
// the 404 example, `Prefer: code=429` with a Retry-After header, and so on.
import { operationsOf } from './lib.js';

const ERROR = '#/components/responses/Error';
/** Statuses every operation can get, listed or not. */
const ANY_METHOD = ['429'];

/** A copy of the bundled spec with each error status pointed at its own response component. */
export function errorsByStatus(spec) {
  const map = spec['x-error-responses'];
  if (!map) return spec;
  const out = structuredClone(spec);
  for (const [status, name] of Object.entries(map)) {
    if (!out.components?.responses?.[name]) throw new Error(`x-error-responses: ${status} names ${name}, which is not in components.responses`);
  }
  for (const { op } of operationsOf(out)) {
    if (!op.responses) continue;
    for (const [status, name] of Object.entries(map)) {
      const listed = op.responses[status];
      if (listed?.$ref === ERROR || (!listed && ANY_METHOD.includes(status))) op.responses[status] = { $ref: `#/components/responses/${name}` };
    }
    // Keep the statuses in order, `default` last.
    op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => (a === 'default' ? 1 : b === 'default' ? -1 : a.localeCompare(b))));
  }
  return out;
}
