import fc from 'fast-check';
import type { Answer, Send } from './answers.ts';
import { type FuzzIds, setupStarts } from './fuzz-ids.ts';
import type { FuzzWorker } from './fuzz-worker.ts';
import { comparable, javascriptErrorText, unexpected5xx } from './properties.ts';
import { type FuzzRequest, fuzzRequest } from './requests.ts';

/** A request and what was wrong with its answer. */
export interface Violation {
  kind: 'javascript-text' | 'unexpected-5xx' | 'hang' | 'not-serving';
  request: FuzzRequest;
  answer: Answer;
  why: string;
}

/** A class of disagreement between the two servers, with its first example. */
export interface Disagreement {
  key: string;
  count: number;
  request: FuzzRequest;
  server: string;
  against: string;
}

/** What a fuzz run saw. */
export interface FuzzReport {
  requests: number;
  wellFormed: number;
  malformed: number;
  violations: Violation[];
  /** Only with a second server. */
  agreement?: { wellFormed: { agreed: number; total: number }; malformed: { agreed: number; total: number } };
  disagreements: Disagreement[];
  ms: number;
}

/** Options of a fuzz run. */
export interface FuzzRunOptions {
  send: Send;
  /** A second server: every request goes to both, their answers compared. */
  against?: Send;
  worker: FuzzWorker;
  workerUrl: string;
  ids: FuzzIds;
  count: number;
  seed: number;
  /** Lets started workflows reach their parked state (in-process: the simulator settles). */
  settle: () => Promise<void>;
  /** Real ms after which an answer counts as a hang (long polls included). */
  hangMs?: number;
  onProgress?: (done: number) => void;
  /** Called for an answer that took over 3 s of real time on either server. */
  onSlow?: (request: FuzzRequest, ms: number, which: 'server' | 'against') => void;
}

const HEALTH = { method: 'GET', path: '/', rawBody: '' };

/**
 * Sends `count` fuzzed requests one at a time (to both servers at once when there are two) and
 * checks every answer: no JavaScript error text, no 5xx a real server would not give, no hang, and
 * the server still answers `GET /` every 100 requests. With a second server, their answers are
 * compared (status and body, run ids and search results aside).
 *
 * @example
 * const report = await runFuzz({ send, worker, workerUrl, ids, count: 1000, seed: 1, settle });
 */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzReport> {
  const started = Date.now();
  const { send, against, worker } = options;
  for (const setup of setupStarts(options.ids, options.workerUrl)) {
    const request = { method: 'POST', path: setup.path, rawBody: JSON.stringify(setup.body) };
    await Promise.all([send(request), against?.(request)]);
  }
  await options.settle();
  const requests = fc.sample(fuzzRequest(options.ids, options.workerUrl), {
    numRuns: options.count,
    seed: options.seed,
  });
  const report: FuzzReport = {
    requests: 0,
    wellFormed: 0,
    malformed: 0,
    violations: [],
    disagreements: [],
    ms: 0,
  };
  const tally = { wellFormed: { agreed: 0, total: 0 }, malformed: { agreed: 0, total: 0 } };
  const classes = new Map<string, Disagreement>();
  for (const request of requests) {
    if (request.workerAnswer) worker.register(request.workerAnswer.key, request.workerAnswer.answer);
    const [answer, other] = await Promise.all([send(request), against?.(request)]);
    report.requests++;
    if (answer.ms > 3000) options.onSlow?.(request, answer.ms, 'server');
    if (other && other.ms > 3000) options.onSlow?.(request, other.ms, 'against');
    if (request.wellFormed) report.wellFormed++;
    else report.malformed++;
    report.violations.push(...violationsOf(request, answer, options.hangMs ?? 20_000));
    if (other) {
      const bucket = request.wellFormed ? tally.wellFormed : tally.malformed;
      bucket.total++;
      const mine = comparable(request.path, answer);
      const theirs = comparable(request.path, other);
      if (mine === theirs) bucket.agreed++;
      else noteDisagreement(classes, request, mine, theirs);
    }
    if (report.requests % 100 === 0) {
      const health = await send(HEALTH);
      if (health.status !== 200)
        report.violations.push({
          kind: 'not-serving',
          request,
          answer: health,
          why: 'GET / did not answer 200',
        });
      options.onProgress?.(report.requests);
    }
  }
  if (against) report.agreement = tally;
  report.disagreements = [...classes.values()].sort((a, b) => b.count - a.count);
  report.ms = Date.now() - started;
  return report;
}

/**
 * The properties one answer must have.
 *
 * @example
 * violationsOf(request, answer, 20_000); // [] when all is well
 */
export function violationsOf(request: FuzzRequest, answer: Answer, hangMs: number): Violation[] {
  const found: Violation[] = [];
  const javascript = javascriptErrorText(answer.text);
  if (javascript) found.push({ kind: 'javascript-text', request, answer, why: javascript });
  const unexpected = unexpected5xx(answer);
  if (unexpected) found.push({ kind: 'unexpected-5xx', request, answer, why: unexpected });
  if (answer.status === 0 || answer.ms > hangMs)
    found.push({ kind: 'hang', request, answer, why: `${answer.status} after ${answer.ms} ms` });
  return found;
}

// One class per endpoint, mutation and pair of statuses (and detail texts when the statuses agree).
function noteDisagreement(
  classes: Map<string, Disagreement>,
  request: FuzzRequest,
  mine: string,
  theirs: string,
): void {
  const status = (text: string) => text.split(' ')[0];
  const detail = (text: string) => /"detail":"([^"]{0,60})/.exec(text)?.[1] ?? '';
  const statuses = `${status(mine)} vs ${status(theirs)}`;
  const key =
    status(mine) === status(theirs)
      ? `${request.path.split('?')[0]} ${request.mutation}: ${statuses} "${detail(mine)}" vs "${detail(theirs)}"`
      : `${request.path.split('?')[0]} ${request.mutation}: ${statuses}`;
  const existing = classes.get(key);
  if (existing) existing.count++;
  else classes.set(key, { key, count: 1, request, server: mine, against: theirs });
}
