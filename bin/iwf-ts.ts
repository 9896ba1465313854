#!/usr/bin/env node
/**
 * The `iwf-ts` command: `iwf-ts simulator [flags]` runs the simulator as a local iWF server,
 * `iwf-ts conformance --server <url>` checks a server against the conformance scenarios. Each
 * subcommand keeps its own flags and `--help`; this file only dispatches.
 *
 * @example
 * npx iwf-ts simulator --port 8801
 */

const usage = `Usage: iwf-ts <command> [flags]

Commands:
  simulator     run the iWF simulator as a local iWF server (iwf-ts simulator --help)
  conformance   run the conformance scenarios against an iWF server (iwf-ts conformance --help)`;

const [command, ...flags] = process.argv.slice(2);
// Each subcommand parses process.argv itself, as when run on its own.
const rest = (): void => {
  process.argv = [process.argv[0] ?? 'node', process.argv[1] ?? 'iwf-ts', ...flags];
};

/**
 * Runs a subcommand. Both serve HTTP with fastify, an optional peer dependency (an app that uses
 * only the SDK should not install it): when it is missing, say how to get it instead of Node's
 * ERR_MODULE_NOT_FOUND stack.
 */
async function runCli(name: string, load: () => Promise<unknown>): Promise<void> {
  rest();
  try {
    await load();
  } catch (error) {
    if (!isMissingFastify(error)) throw error;
    console.error(
      `iwf-ts ${name} serves HTTP with fastify, an optional peer dependency of iwf-ts that is not installed.
Install it beside iwf-ts:   npm install fastify
or, outside a project:       npx -p iwf-ts -p fastify iwf-ts ${name} ${flags.join(' ')}`.trimEnd(),
    );
    process.exitCode = 1;
  }
}

function isMissingFastify(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && typeof message === 'string' && message.includes("'fastify'");
}

switch (command) {
  case 'simulator':
    await runCli('simulator', () => import('../simulator/cli.ts'));
    break;
  case 'conformance':
    await runCli('conformance', () => import('../conformance/cli.ts'));
    break;
  case '--help':
  case '-h':
  case 'help':
    console.log(usage);
    break;
  default:
    console.error(command === undefined ? usage : `unknown command '${command}'\n\n${usage}`);
    process.exitCode = 2;
}
