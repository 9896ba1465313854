// After `tsc -p tsconfig.build.json`: tsc rewrites `./x.ts` to `./x.js` in emitted JavaScript
// (rewriteRelativeImportExtensions) but leaves declaration files as written, and a user's
// TypeScript resolving `./x.ts` next to `x.d.ts` finds nothing. This turns every relative `.ts`
// specifier in dist/**/*.d.ts into `.js`, which resolves to `x.d.ts` under every moduleResolution.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const relativeTs = /(from\s+|import\s*\(\s*|import\s+)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g;

async function* declarationFiles(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarationFiles(path);
    else if (entry.name.endsWith('.d.ts')) yield path;
  }
}

let rewritten = 0;
for await (const file of declarationFiles(new URL('../dist', import.meta.url).pathname)) {
  const text = await readFile(file, 'utf8');
  const fixed = text.replace(relativeTs, (_m, lead, quote, path) => `${lead}${quote}${path}.js${quote}`);
  if (fixed !== text) {
    await writeFile(file, fixed);
    rewritten++;
  }
}
if (process.argv.includes('--verbose')) console.log(`rewrote .ts imports in ${rewritten} declaration files`);
