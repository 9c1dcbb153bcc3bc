import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `#send` (package.json `imports`) resolves to the TypeScript sources under this condition.
const conditions = ['ozon-seller-api-source', 'node', 'development|production'];

// Tests whose clients have no injected fetch: they run twice, once on each way requests go out
// (node:http, the default on Node; and the global fetch, chosen by OZON_SELLER_API_TRANSPORT).
const BOTH_TRANSPORTS = [
  'async-contract',
  'async',
  'auth',
  'big-ids',
  'client',
  'contract',
  'error-headers',
  'examples-contract',
  'faults',
  'int64-contract',
  'paginate-contract',
  'paginate',
  'polling',
  'transport',
  'middleware',
].map((name) => `test/${name}.test.ts`);

export default defineConfig({
  // examples/ import the package by its name, as users do; here that name is src/ (as in tsconfig.json).
  resolve: { conditions, alias: [
    { find: /^ozon-seller-api$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    { find: /^ozon-seller-api\/push$/, replacement: fileURLToPath(new URL('./src/push/index.ts', import.meta.url)) },
  ] },
  ssr: { resolve: { conditions } },
  test: {
    globalSetup: ['test/setup/prism.ts'],
    testTimeout: 30_000,
    // Contract tests against Prism take 0.3-1 s each; list only the really slow ones.
    slowTestThreshold: 5_000,
    hookTimeout: 90_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node:http',
          include: ['test/**/*.test.ts'],
          typecheck: {
            enabled: true,
            include: ['test/**/*.test-d.ts'],
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        extends: true,
        test: { name: 'fetch', include: BOTH_TRANSPORTS, env: { OZON_SELLER_API_TRANSPORT: 'fetch' } },
      },
    ],
  },
});
