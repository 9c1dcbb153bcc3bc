// The generator's x-async checks: the status method must exist, the request mapping and the
// state path must be in the schemas, and the state values in the state's enum.
import { describe, expect, it } from 'vitest';
import { operationsTable } from '../scripts/gen-operations.js';
import { loadOperationsModule } from '../scripts/pack-operations.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const str = { type: 'string' };

function mini(xAsync: Record<string, unknown>) {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/v1/thing/start': {
        post: { operationId: 'StartThing', requestBody: json(obj({ name: str })), responses: { '200': json(obj({ result: obj({ task_id: { type: 'integer' } }) })) }, 'x-async': xAsync },
      },
      '/v1/thing/status': {
        post: {
          operationId: 'ThingStatus',
          requestBody: json(obj({ task_id: { type: 'integer' } })),
          responses: { '200': json(obj({ result: obj({ items: { type: 'array', items: obj({ state: { type: 'string', enum: ['WAIT', 'DONE', 'FAILED'] } }) } }) })) },
        },
      },
    },
  };
}

const good = { status: 'POST /v1/thing/status', request: { task_id: 'result.task_id' }, state: 'result.items.state', success: ['DONE'], failure: ['FAILED'] };

describe('generator: x-async', () => {
  it('writes the x-async table entry and the AsyncPath union', () => {
    const ts: string = operationsTable(mini(good));
    expect(loadOperationsModule(ts).operations['POST /v1/thing/start'].async).toEqual(good);
    expect(ts).toContain('export type AsyncPath = "/v1/thing/start";');
  });

  it('accepts a field taken from the starting request ($request.<path>)', () => {
    const ts: string = operationsTable(mini({ ...good, request: { task_id: '$request.name' } }));
    expect(loadOperationsModule(ts).operations['POST /v1/thing/start'].async.request).toEqual({ task_id: '$request.name' });
  });

  it.each([
    ['a status method that does not exist', { status: 'POST /v1/thing/state' }, /x-async status method "POST \/v1\/thing\/state" is not in the spec/],
    ['a request field the status method does not take', { request: { id: 'result.task_id' } }, /request.id: "id" is not in the request of POST \/v1\/thing\/status/],
    ['a request source not in the 200 answer', { request: { task_id: 'task_id' } }, /request.task_id: "task_id" is not in the 200 schema of POST \/v1\/thing\/start/],
    ['a state path not in the status answer', { state: 'result.status' }, /state "result.status" is not in the 200 schema of POST \/v1\/thing\/status/],
    ['a $request. field not in the request of the start', { request: { task_id: '$request.task' } }, /request.task_id: "task" is not in the request schema of POST \/v1\/thing\/start/],
    ['a state value outside the enum', { success: ['SUCCESS'] }, /state values \["SUCCESS"\] are not in the enum of "result.items.state"/],
  ])('fails on %s', (_, change, message) => {
    expect(() => operationsTable(mini({ ...good, ...change }))).toThrow(message);
  });
});
