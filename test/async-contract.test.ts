// waitForAsync against the Prism mock, for every x-async operation of the spec (discovered from
// the table generated from it, not listed): start the work with the method's request example,
// poll the status method, and end on its example, which must be in a success state.
import { describe, expect, inject, it } from 'vitest';
import { createOzonClient, operations, waitForAsync, type AsyncPath, type AsyncWork } from '../src/index.js';
import { deref, spec } from './spec.js';

const ozon = () => createOzonClient({ clientId: '836', apiKey: 'contract-test-key', baseUrl: inject('mockUrl'), rateLimits: false, onDeprecated: false, retry: false });
// waitForAsync sends JSON: a start whose body is another media type (a multipart upload) is
// left to the caller, and to the type AsyncPath.
const jsonStart = (path: string) => {
  const body = deref(spec.paths[path].post.requestBody);
  return !body || Boolean(body.content?.['application/json']);
};
const started = Object.values(operations).filter((o): o is typeof o & { async: AsyncWork } => 'async' in o && o.method === 'POST' && jsonStart(o.path));

describe('contract: waitForAsync against the Prism mock', () => {
  it('covers every x-async operation of the spec', () => {
    expect(started.length).toBeGreaterThanOrEqual(17);
  });

  for (const op of started) {
    it(`${op.path} -> ${op.async.status}`, async () => {
      const body = deref(spec.paths[op.path].post.requestBody)?.content['application/json'].example;
      const [method, statusPath] = op.async.status.split(' ') as [string, string];
      const example = deref(spec.paths[statusPath][method.toLowerCase()].responses['200']).content['application/json'].example;
      const result = await waitForAsync(ozon(), op.path as AsyncPath, body, { interval: 1, timeout: 5_000 });
      expect(result).toEqual(example);
    });
  }
});
