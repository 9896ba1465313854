/**
 * The import structure of the library, checked by `npm run lint` (`npm run lint:imports`):
 * no import circle (type imports count: a type import still ties two files together) and
 * dependencies that point one way. `npm run graph:imports` draws the engine (docs/architecture.md).
 */

/**
 * The engine's rooms from the ground floor up: a room imports only rooms below it, so the rooms
 * stand in layers with no circle between folders either. `engine.ts` and `client-inputs.ts` (the
 * engine's front, at the folder's root) stand between the state flow and the RPC and reset flows.
 */
const ENGINE_FLOORS = [
  'support/',
  'choices/',
  'schedules/',
  'commands/',
  'attributes/',
  'threads/',
  'runs/',
  'worker-calls/',
  'states/',
  '[^/]+\\.ts$',
  'rpcs/',
  'reset/',
];
const engineFloorRules = ENGINE_FLOORS.slice(0, -1).map((floor, index) => ({
  name: `engine-rooms-in-layers-${index}`,
  severity: 'error',
  comment: `An engine room imports only rooms below it (.dependency-cruiser.cjs ENGINE_FLOORS): ${floor} may not import ${ENGINE_FLOORS.slice(index + 1).join(' ')}. Move the shared piece down, or let the caller pass it in.`,
  from: { path: `^simulator/engine/${floor}` },
  to: { path: `^simulator/engine/(${ENGINE_FLOORS.slice(index + 1).join('|')})` },
}));

module.exports = {
  forbidden: [
    ...engineFloorRules,
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle: one file of it knows its caller. Give the callee a narrow interface it owns.',
      from: { path: '^(sdk|simulator|testing)/' },
      to: { circular: true },
    },
    {
      name: 'sdk-stands-alone',
      severity: 'error',
      comment:
        'The SDK is the ground floor: it imports nothing of the simulator, the harness or the samples.',
      from: { path: '^sdk/' },
      to: { path: '^(simulator|testing|workflows|conformance|tests|bench)/' },
    },
    {
      name: 'simulator-uses-only-wire-of-sdk',
      severity: 'error',
      comment: 'The simulator speaks the protocol: of the SDK it imports only the wire types (sdk/wire/).',
      from: { path: '^simulator/' },
      to: { path: '^sdk/', pathNot: '^sdk/wire/' },
    },
    {
      name: 'simulator-not-above',
      severity: 'error',
      comment: 'The simulator imports nothing of the harness, the samples, the tests or the benchmarks.',
      from: { path: '^simulator/' },
      to: { path: '^(testing|workflows|conformance|tests|bench)/' },
    },
    {
      name: 'testing-not-above',
      severity: 'error',
      comment: 'The harness stands on sdk and simulator, not on samples, tests or conformance scenarios.',
      from: { path: '^testing/' },
      to: { path: '^(workflows|conformance|tests|bench)/' },
    },
    {
      name: 'workflows-not-simulator-internals',
      severity: 'error',
      comment: 'Samples use the SDK, and the simulator and harness only through their public entry points.',
      from: { path: '^workflows/' },
      to: {
        path: '^(simulator|testing)/',
        // The package's entry points (package.json "exports").
        pathNot:
          '^(simulator/index|simulator/http/index|simulator/msw/index|testing/index|testing/vitest-setup)\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
    reporterOptions: {
      dot: { collapsePattern: '^simulator/engine/[^/]+/' },
    },
  },
};
