import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/prism.ts'],
    testTimeout: 30_000,
    // Contract tests against Prism take 0.3-1 s each; list only the really slow ones.
    slowTestThreshold: 5_000,
    hookTimeout: 90_000,
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
