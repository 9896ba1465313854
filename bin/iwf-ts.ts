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

switch (command) {
  case 'simulator':
    rest();
    await import('../simulator/cli.ts');
    break;
  case 'conformance':
    rest();
    await import('../conformance/cli.ts');
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
