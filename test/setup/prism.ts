// Vitest global setup: one Prism mock of generated/openapi.json on a free loopback port for the
// whole run; tests read its URL with inject('mockUrl').
import type { TestProject } from 'vitest/node';
import { startMock } from '../../scripts/mock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide('mockUrl', mock.url);
  return async () => {
    await mock.stop();
  };
}
