import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'workflows/**/*.test.ts', 'simulator/**/*.test.ts', 'sdk/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
