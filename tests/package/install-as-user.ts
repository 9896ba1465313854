/**
 * `npm run test:package`: installs iwf-ts as a user would and checks it works from outside this
 * repository. It packs the tarball, installs it into fresh projects in a temporary folder (from
 * the npm cache where it can, the registry otherwise), type-checks a user's workflow, test and
 * app strictly under `nodenext` and `bundler`, runs the test with vitest, serves the worker with
 * the fastify plugin and the node:http listener against the `iwf-ts simulator` bin, runs
 * `iwf-ts conformance`, and measures what an app that imports only `iwf-ts/sdk` installs.
 *
 * @example
 * npm run test:package            # KEEP=1 keeps the temporary folder for a look
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const fixture = resolve(import.meta.dirname, 'fixture');
const work = mkdtempSync(join(tmpdir(), 'iwf-ts-package-'));
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  overrides: Record<string, string>;
};
const started = Date.now();
const children: ChildProcess[] = [];

function step<T>(title: string, run: () => T): T {
  const t0 = Date.now();
  const result = run();
  console.log(`ok   ${title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}

/** Runs a command, returning its output; on failure, throws with everything it printed. */
function sh(cwd: string, command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  // The user's project runs on its own defaults, not on this repository's test mode.
  const { IWF_TEST_MODE: _mode, ...inherited } = process.env;
  const env = { ...inherited, ...extraEnv };
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** npm as a user runs it, cache first; `--loglevel=warn` so EBADENGINE warnings are seen. */
function npmInstall(cwd: string, extra: string[] = []): void {
  const output = sh(cwd, 'npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=warn',
    ...extra,
  ]);
  if (/EBADENGINE/.test(output)) throw new Error(`npm install in ${cwd} warned EBADENGINE:\n${output}`);
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Starts the bin's simulator and resolves with the URL it prints. */
function startSimulator(app: string): Promise<string> {
  const child = spawn(join(app, 'node_modules/.bin/iwf-ts'), ['simulator', '--port', '0'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timeout = setTimeout(() => reject(new Error(`no "listening" in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timeout);
        resolvePromise(url);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.on('exit', (code) => reject(new Error(`the simulator exited with ${code}:\n${output}`)));
  });
}

async function main(): Promise<void> {
  const tarball = step(
    'npm pack: the tarball holds dist, README, LICENSE and no source maps or sources',
    () => {
      const [packed] = JSON.parse(sh(root, 'npm', ['pack', '--json', '--pack-destination', work])) as {
        filename: string;
        files: { path: string }[];
      }[];
      if (!packed) throw new Error('npm pack printed nothing');
      const paths = packed.files.map((f) => f.path);
      for (const required of [
        'LICENSE',
        'README.md',
        'package.json',
        'dist/bin/iwf-ts.js',
        'dist/sdk/index.d.ts',
        // The simulator's page: static files copied beside the compiled code by the build.
        'dist/simulator/ui/index.html',
        'dist/simulator/ui/page-app.js',
      ]) {
        if (!paths.includes(required)) throw new Error(`the tarball lacks ${required}`);
      }
      const stray = paths.filter((p) => p.endsWith('.map') || (p.endsWith('.ts') && !p.endsWith('.d.ts')));
      if (stray.length)
        throw new Error(`the tarball ships files users cannot use: ${stray.slice(0, 5).join(', ')}`);
      return join(work, packed.filename);
    },
  );

  const app = join(work, 'app');
  step(
    'npm install the tarball with fastify, vitest and typescript into a fresh project, no EBADENGINE',
    () => {
      cpSync(fixture, app, { recursive: true });
      const dev = rootPackage.devDependencies;
      writeJson(join(app, 'package.json'), {
        name: 'iwf-ts-user-app',
        private: true,
        type: 'module',
        dependencies: { 'iwf-ts': `file:${tarball}`, fastify: dev.fastify },
        devDependencies: {
          '@types/node': dev['@types/node'],
          typescript: dev.typescript,
          vitest: dev.vitest,
        },
        // As the README advises on Node 20: fastify's newest light-my-request needs cookie@2 (Node >= 22).
        overrides: rootPackage.overrides,
      });
      npmInstall(app);
    },
  );

  step('the installed declaration files import ./x.js, never ./x.ts', () => {
    const dist = join(app, 'node_modules/iwf-ts/dist');
    const offending = (readdirSync(dist, { recursive: true }) as string[]).filter(
      (file) =>
        file.endsWith('.d.ts') &&
        /(from|import)\s*\(?\s*'\.{1,2}\/[^']*\.ts'/.test(readFileSync(join(dist, file), 'utf8')),
    );
    if (offending.length)
      throw new Error(`declaration files with .ts imports: ${offending.slice(0, 5).join(', ')}`);
  });
  step('tsc, strict, moduleResolution nodenext (skipLibCheck off)', () =>
    sh(app, 'node_modules/.bin/tsc', ['-p', 'tsconfig.nodenext.json']),
  );
  step('tsc, strict, moduleResolution bundler (skipLibCheck off)', () =>
    sh(app, 'node_modules/.bin/tsc', ['-p', 'tsconfig.bundler.json']),
  );
  step('vitest runs a test written against iwf-ts/sdk and iwf-ts/testing', () => {
    const output = sh(app, 'node_modules/.bin/vitest', ['run']);
    if (!/3 passed/.test(output)) throw new Error(`expected 3 passing tests:\n${output}`);
  });
  step('the same test on the sim-http backend (the harness loads fastify on demand)', () => {
    const output = sh(app, 'node_modules/.bin/vitest', ['run'], { IWF_TEST_MODE: 'sim-http' });
    if (!/3 passed/.test(output)) throw new Error(`expected 3 passing tests:\n${output}`);
  });
  step('iwf-ts --help, iwf-ts simulator --help and iwf-ts conformance --help', () => {
    for (const args of [['--help'], ['simulator', '--help'], ['conformance', '--help']]) {
      const output = sh(app, 'node_modules/.bin/iwf-ts', args);
      if (!output.startsWith('Usage: iwf-ts'))
        throw new Error(`iwf-ts ${args.join(' ')} printed:\n${output}`);
    }
  });

  const url = await startSimulator(app);
  console.log(`ok   npx iwf-ts simulator --port 0: listening on ${url}`);
  step('the simulator serves the iWF API over HTTP', () => {
    const output = sh(app, 'node', [
      '-e',
      `fetch(${JSON.stringify(`${url}/info/healthcheck`)}).then(async (r) => { if (!r.ok) process.exit(1); console.log(await r.text()); })`,
    ]);
    if (!output.trim()) throw new Error('the healthcheck answered nothing');
  });
  step('the installed simulator serves its timeline page and scripts to a browser', () => {
    const output = sh(app, 'node', [
      '-e',
      `Promise.all([fetch(${JSON.stringify(`${url}/`)}, { headers: { accept: 'text/html' } }), fetch(${JSON.stringify(`${url}/simulator/ui/page-app.js`)})]).then(async ([page, script]) => { if (!page.ok || !script.ok) process.exit(1); console.log((await page.text()).includes('<title>iWF simulator</title>') && (await script.text()).length > 0); })`,
    ]);
    if (output.trim() !== 'true') throw new Error(`the page or its script is missing: ${output}`);
  });
  step('a worker served with iwf-ts/sdk/fastify and with iwf-ts/sdk/node-http completes a workflow', () => {
    const output = sh(app, 'node', ['out/serve.js', url]);
    const expected = JSON.stringify({ viaFastify: 'hello, nobody', viaNodeHttp: 'hello, nobody' });
    if (output.trim() !== expected) throw new Error(`expected ${expected}, got:\n${output}`);
  });
  step('npx iwf-ts conformance --server runs the scenarios', () => {
    const output = sh(app, 'node_modules/.bin/iwf-ts', [
      'conformance',
      '--server',
      url,
      '--filter',
      'trigger-any',
    ]);
    if (!/\b[1-9]\d* passed, 0 failed/.test(output)) throw new Error(`conformance printed:\n${output}`);
  });

  const sdkOnly = join(work, 'sdk-only');
  const installed = step('npm install --omit=dev: an app that uses only iwf-ts/sdk', () => {
    mkdirSync(sdkOnly);
    writeJson(join(sdkOnly, 'package.json'), {
      name: 'iwf-ts-sdk-only-app',
      private: true,
      type: 'module',
      dependencies: { 'iwf-ts': `file:${tarball}` },
    });
    npmInstall(sdkOnly, ['--omit=dev']);
    const packages = sh(sdkOnly, 'npm', ['ls', '--all', '--parseable', '--omit=dev'])
      .trim()
      .split('\n')
      .slice(1)
      .map((path) => path.slice(join(sdkOnly, 'node_modules').length + 1));
    const kilobytes = Number(sh(sdkOnly, 'du', ['-sk', 'node_modules']).split(/\s/)[0]);
    return { packages, kilobytes };
  });
  console.log(
    `     ${installed.packages.length} packages, ${(installed.kilobytes / 1024).toFixed(1)} MiB: ${installed.packages.join(', ')}`,
  );
  step('iwf-ts/sdk loads with every third-party package removed', () => {
    const modules = join(sdkOnly, 'node_modules');
    const aside = join(work, 'aside');
    mkdirSync(aside);
    for (const name of readdirSync(modules)) {
      if (name !== 'iwf-ts' && !name.startsWith('.')) renameSync(join(modules, name), join(aside, name));
    }
    sh(sdkOnly, 'node', [
      '--input-type=module',
      '-e',
      "const sdk = await import('iwf-ts/sdk'); if (typeof sdk.WorkerService !== 'function') process.exit(1);",
    ]);
  });
  step("CommonJS: require('iwf-ts/sdk') works through Node's require(esm)", () => {
    writeFileSync(join(sdkOnly, 'uses-require.cjs'), "require('iwf-ts/sdk').WorkerService.name;\n");
    sh(sdkOnly, 'node', ['uses-require.cjs']);
  });
  console.log(
    `PASS the package works from a tarball (${((Date.now() - started) / 1000).toFixed(0)} s, in ${work})`,
  );
}

main()
  .then(
    () => 0,
    (error: unknown) => {
      console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
      console.error(`     the projects are in ${work}`);
      return 1;
    },
  )
  .then((code) => {
    for (const child of children) child.kill();
    if (code === 0 && !process.env.KEEP) rmSync(work, { recursive: true, force: true });
    process.exit(code);
  });
