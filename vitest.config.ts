import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * `iwf-ts/...` imports resolve to the sources, as tsconfig.json's `paths` say (tsc and tsx read
 * them; vite needs them as aliases), so samples and tests use only the public entries.
 */
const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8')) as {
  compilerOptions: { paths: Record<string, [string]> };
};
const alias = Object.entries(tsconfig.compilerOptions.paths).map(([entry, [source]]) => ({
  find: new RegExp(`^${entry}$`),
  replacement: fileURLToPath(new URL(source, import.meta.url)),
}));

/**
 * Suites that go through the harness run once per backend: `sim` and `sim-http` by default, or
 * only the backend named by IWF_TEST_MODE (e.g. `real`). Unit suites run once.
 */
const backendSuites = ['workflows/**/*.test.ts', 'tests/backends/**/*.test.ts'];
const unitSuites = [
  'tests/sdk/**/*.test.ts',
  'tests/simulator/**/*.test.ts',
  'tests/unit/**/*.test.ts',
  '**/*.unit.test.ts',
];
const requested = process.env.IWF_TEST_MODE;
const modes = requested ? [requested] : ['sim', 'sim-http'];
// The samples also run over HTTP on the skipping clock (`--clock skip`), as other SDKs' tests would.
const skipping = requested ? [] : [{ name: 'sim-http-skip', mode: 'sim-http', clock: 'skip' }];

export default defineConfig({
  resolve: { alias },
  test: {
    environment: 'node',
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: unitSuites, exclude: ['**/node_modules/**'], environment: 'node' },
      },
      ...modes.map((mode) => ({
        resolve: { alias },
        test: {
          name: mode,
          include: backendSuites,
          exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
          environment: 'node',
          env: { IWF_TEST_MODE: mode },
          setupFiles: ['tests/support/backend-setup.ts'],
          testTimeout: mode === 'real' ? 120_000 : 20_000,
          hookTimeout: mode === 'real' ? 60_000 : 10_000,
        },
      })),
      ...skipping.map((run) => ({
        test: {
          name: run.name,
          include: ['workflows/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts', '**/node_modules/**'],
          environment: 'node',
          env: { IWF_TEST_MODE: run.mode, IWF_SIM_CLOCK: run.clock },
          setupFiles: ['tests/support/backend-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 10_000,
        },
      })),
    ],
  },
});
