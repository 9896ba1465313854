import { parseArgs } from 'node:util';
import { SEARCH_ATTRIBUTE_VALUE_TYPES, type SearchAttributeValueType } from '../sdk/wire/types.ts';
import { DEFAULT_SEARCH_ATTRIBUTES } from './engine/attributes/search-attribute-registry.ts';
import { parseRetention } from './engine/runs/retention.ts';
import { liveLog } from './history/live-log.ts';
import { httpWorkerTransport } from './http/http-worker-transport.ts';
import { listenOrExplain } from './http/listen.ts';
import { buildSimulatorServer } from './http/server.ts';
import { Simulator } from './simulator.ts';

const usage = `Usage: iwf-ts simulator [--port 8801] [--host 127.0.0.1] [--clock wall|skip|virtual] [--speed 1] [--max-wait-seconds 60] [--log text|json] [--quiet]

Starts the iWF simulator as a local iWF server. Any iWF SDK can use it as its server URL.
(In the iwf-ts repository: npm run simulator -- [flags].)
  --clock wall     real time (default), as a real server: a 5 s timer takes 5 s
  --clock skip     time skipping for tests of any SDK: real time while anything happens, and a jump
                   straight to the next timer (timer command, start delay, cron, retry backoff,
                   workflow timeout) while the simulator is idle and a client waits for what only
                   time can bring (a result, a state completion, a long poll). Nothing fires early
                   or out of order. A long poll without waitTimeSeconds still ends at the
                   --max-wait-seconds cap (420) when a jump passes it; a client that polls again then
                   polls once per event, not once per cap
  --clock virtual  time moves only through POST /simulator/time/advance {"ms": N}
  --speed N        with the wall clock, run N times faster than real time
  --step-latency-ms N  ms before each state API call, like a real server's scheduling latency, so a
                   client's request sent right after a start or a signal lands before the worker is
                   called, as on a real server (the start reply always goes out first). Default 15 on
                   wall (real ms) and on skip (ms on the simulator's clock: real while clients are
                   busy, skipped with everything else while a client only waits, so it costs a test
                   nothing); always 0 on virtual (tests there move time themselves)
  --log text|json  one line per workflow event on stdout, readable (default) or one JSON object a line
  --quiet          no live log
  --retention 24h  how long closed workflows stay readable (ms, s, m, h or d; 0 keeps them forever;
                   default 24h), like a namespace's retention on a real server
  --search-attribute Name=TYPE   register a custom search attribute (repeatable; TYPE is KEYWORD, TEXT,
                   INT, DOUBLE, BOOL, DATETIME or KEYWORD_ARRAY). The Custom*Field set of iWF's test
                   servers is registered by default; unknown attributes are refused like a real server.`;

function parse() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8801' },
      host: { type: 'string', default: '127.0.0.1' },
      clock: { type: 'string', default: 'wall' },
      speed: { type: 'string', default: '1' },
      'max-wait-seconds': { type: 'string', default: '60' },
      'step-latency-ms': { type: 'string', default: '15' },
      'search-attribute': { type: 'string', multiple: true, default: [] },
      log: { type: 'string', default: 'text' },
      quiet: { type: 'boolean', default: false },
      retention: { type: 'string', default: '24h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const port = Number(values.port);
  const speed = Number(values.speed);
  const maxWaitSeconds = Number(values['max-wait-seconds']);
  const stepLatencyMs = Number(values['step-latency-ms']);
  const clock = values.clock;
  const problems: string[] = [];
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`--port must be 0..65535, got ${values.port}`);
  if (clock !== 'wall' && clock !== 'skip' && clock !== 'virtual')
    problems.push(`--clock must be wall, skip or virtual, got ${clock}`);
  if (values.log !== 'text' && values.log !== 'json')
    problems.push(`--log must be text or json, got ${values.log}`);
  if (!(speed > 0)) problems.push(`--speed must be a positive number, got ${values.speed}`);
  if (!(maxWaitSeconds > 0))
    problems.push(`--max-wait-seconds must be positive, got ${values['max-wait-seconds']}`);
  if (!(stepLatencyMs >= 0))
    problems.push(`--step-latency-ms must be 0 or more, got ${values['step-latency-ms']}`);
  const retentionMs = parseRetention(values.retention ?? '24h');
  if (retentionMs === undefined)
    problems.push(
      `--retention must be a duration such as 24h, 90m or 7d (0 keeps forever), got ${values.retention}`,
    );
  const searchAttributes: Record<string, SearchAttributeValueType> = { ...DEFAULT_SEARCH_ATTRIBUTES };
  for (const entry of values['search-attribute'] ?? []) {
    const [name, type] = entry.split('=');
    const valueType = (type ?? '').toUpperCase() as SearchAttributeValueType;
    if (!name || !SEARCH_ATTRIBUTE_VALUE_TYPES.includes(valueType)) {
      problems.push(
        `--search-attribute must be Name=${SEARCH_ATTRIBUTE_VALUE_TYPES.join('|')}, got ${entry}`,
      );
    } else searchAttributes[name] = valueType;
  }
  if (problems.length) {
    console.error(`${problems.join('\n')}\n\n${usage}`);
    process.exit(2);
  }
  return {
    port,
    host: values.host ?? '127.0.0.1',
    clock: clock as 'wall' | 'skip' | 'virtual',
    speed,
    maxWaitSeconds,
    stepLatencyMs,
    searchAttributes,
    log: values.quiet ? undefined : (values.log as 'text' | 'json'),
    retentionMs: retentionMs ?? 0,
  };
}

async function main(): Promise<void> {
  const options = parse();
  const simulator = new Simulator({
    clock: options.clock,
    speed: options.speed,
    maxWaitSeconds: options.maxWaitSeconds,
    stepLatencyMs: options.stepLatencyMs,
    searchAttributes: options.searchAttributes,
    retentionMs: options.retentionMs,
    workerTransport: httpWorkerTransport(),
    historyObserver: options.log && liveLog(options.log),
    recordExchanges: true,
  });
  const app = buildSimulatorServer(simulator);
  const url = await listenOrExplain(
    app,
    { host: options.host, port: options.port },
    'the iWF simulator',
    '--port',
  );
  console.log(`listening on ${url}`);
  console.log(`workflows and their timelines: ${url}/`);
  const stop = async () => {
    await app.close();
    await simulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
