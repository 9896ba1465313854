/**
 * Vitest setup for backend suites: `iwf-ts/testing/vitest`, the setup users add (a failing test
 * prints its workflows' timelines), and on top of it every exchange between client, server and
 * worker in a test must conform to the official iWF OpenAPI spec (skipped, with a note, when
 * ../shared is absent).
 */
import 'iwf-ts/testing/vitest';
import { observeExchanges } from 'iwf-ts/testing';
import { afterEach } from 'vitest';
import { OpenApiContract } from './openapi-contract.ts';

const contract = OpenApiContract.load();
const violations: string[] = [];

if (contract) {
  observeExchanges((exchange) => {
    violations.push(...contract.violations(exchange));
  });
  afterEach(() => {
    if (violations.length === 0) return;
    const found = violations.splice(0);
    throw new Error(`exchanges that break the iWF OpenAPI spec:\n${found.slice(0, 10).join('\n')}`);
  });
}
