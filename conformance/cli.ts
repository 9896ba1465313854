/**
 * `npm run conformance -- --server <url> [--json <file>] [--filter <substring>]`: runs the
 * black-box conformance scenarios against any iWF-compatible server.
 *
 * @example
 * npm run conformance -- --server http://127.0.0.1:8801 --json results.json
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ScenarioWorker } from './kit/index.ts';
import { formatResult, runScenarios, summarize } from './runner.ts';
import { allScenarios } from './scenarios/index.ts';

const usage = `Usage: iwf-ts conformance --server <url> [--json <file>] [--filter <substring>]
  [--worker-host <host>] [--worker-url <url>] [--worker-port <port>] [--concurrency <n>]

Runs black-box iWF conformance scenarios and prints PASS/FAIL/SKIP per scenario.
(In the iwf-ts repository: npm run conformance -- [flags].)
  --worker-host  address the scenario worker listens on (default 127.0.0.1; 0.0.0.0 for Docker)
  --worker-url   URL the server uses to reach the worker (e.g. http://host.docker.internal:9750)`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      json: { type: 'string' },
      filter: { type: 'string' },
      'worker-host': { type: 'string' },
      'worker-url': { type: 'string' },
      'worker-port': { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.server) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const worker = await ScenarioWorker.start({
    ...(values['worker-host'] ? { host: values['worker-host'] } : {}),
    ...(values['worker-port'] ? { port: Number(values['worker-port']) } : {}),
    ...(values['worker-url'] ? { publicUrl: values['worker-url'] } : {}),
  });
  const started = Date.now();
  try {
    const results = await runScenarios(allScenarios, {
      serverUrl: values.server,
      worker,
      ...(values.filter ? { filter: values.filter } : {}),
      ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
      onResult: (result) => console.log(formatResult(result)),
    });
    console.log(summarize(results));
    if (values.json) {
      const report = { server: values.server, ms: Date.now() - started, results };
      await writeFile(values.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    return results.some((r) => r.status === 'fail') ? 1 : 0;
  } finally {
    await worker.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
