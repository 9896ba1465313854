/**
 * The public surface of the package, entry by entry: every exported name (value or type) and the
 * third-party modules importing the entry loads. The list lives in `public-api.txt`; a change to
 * the surface shows up as a diff of that file (update it with `npx vitest run -u` when intended).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  exports: Record<string, { types: string; default: string } | string>;
  bin: Record<string, string>;
};
const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, [string]> };
};
const entries = Object.entries(packageJson.exports)
  .filter((entry): entry is [string, { types: string; default: string }] => typeof entry[1] !== 'string')
  .map(([subpath, target]) => ({ name: `iwf-ts${subpath.slice(1)}`, target }));
const sourceOf = (name: string): string => resolve(root, tsconfig.compilerOptions.paths[name]?.[0] ?? '');

/** Every name an entry exports, as `name (value|type)`, sorted. */
function exportedNames(program: ts.Program, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read the exports of ${file}`);
  return checker
    .getExportsOfModule(moduleSymbol)
    .map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return `${symbol.name} (${target.flags & ts.SymbolFlags.Value ? 'value' : 'type'})`;
    })
    .sort();
}

const importsByFile = new Map<string, { static: string[]; dynamic: string[] }>();

/** The imports of a file that load a module at run time: type-only imports are erased. */
function runtimeImports(file: string): { static: string[]; dynamic: string[] } {
  const cached = importsByFile.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = { static: [] as string[], dynamic: [] as string[] };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
      found.static.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.dynamic.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  importsByFile.set(file, found);
  return found;
}

/** Third-party packages an entry loads when imported, and those it loads only on demand. */
function thirdPartyModules(entry: string): { atImport: string[]; onDemand: string[] } {
  const atImport = new Set<string>();
  const onDemand = new Set<string>();
  const seen = new Set<string>();
  const walk = (file: string, dynamic: boolean): void => {
    if (seen.has(`${dynamic}:${file}`)) return;
    seen.add(`${dynamic}:${file}`);
    const imports = runtimeImports(file);
    for (const [specifier, isDynamic] of [
      ...imports.static.map((s) => [s, dynamic] as const),
      ...imports.dynamic.map((s) => [s, true] as const),
    ]) {
      if (specifier.startsWith('.')) walk(resolve(dirname(file), specifier), isDynamic);
      else if (!specifier.startsWith('node:')) (isDynamic ? onDemand : atImport).add(specifier);
    }
  };
  walk(entry, false);
  return { atImport: [...atImport].sort(), onDemand: [...onDemand].filter((m) => !atImport.has(m)).sort() };
}

describe('the public API', () => {
  it('maps every package entry to its source in tsconfig paths, so samples resolve what users get', () => {
    for (const { name, target } of entries) {
      const source = tsconfig.compilerOptions.paths[name]?.[0];
      expect(source, `tsconfig paths lacks ${name}`).toBeDefined();
      expect(target.default).toBe(`./dist/${source?.slice(2).replace(/\.ts$/, '.js')}`);
      expect(target.types).toBe(`./dist/${source?.slice(2).replace(/\.ts$/, '.d.ts')}`);
    }
    expect(Object.keys(tsconfig.compilerOptions.paths).sort()).toEqual(entries.map((e) => e.name).sort());
  });

  it('names every export by hand: no entry re-exports a whole module with export *', () => {
    for (const { name } of entries) {
      const text = readFileSync(sourceOf(name), 'utf8');
      expect(text, name).not.toMatch(/^export \*|^export type \* from/m);
    }
  });

  it('lists every public name and the third-party modules each entry loads', async () => {
    const program = ts.createProgram(
      entries.map((e) => sourceOf(e.name)),
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        allowImportingTsExtensions: true,
        noEmit: true,
        strict: true,
        skipLibCheck: true,
        // Names only: no third-party or Node types to load (unresolved types do not change names).
        types: [],
        noLib: true,
      },
    );
    const sections = entries.map(({ name }) => {
      const modules = thirdPartyModules(sourceOf(name));
      return [
        `## ${name}`,
        `loads: ${modules.atImport.join(', ') || 'no third-party module'}`,
        ...(modules.onDemand.length ? [`loads on demand: ${modules.onDemand.join(', ')}`] : []),
        ...exportedNames(program, sourceOf(name)),
      ].join('\n');
    });
    const bin = Object.entries(packageJson.bin).map(([name, path]) => `## bin ${name}: ${path}`);
    await expect(`${[...sections, ...bin].join('\n\n')}\n`).toMatchFileSnapshot('public-api.txt');
  }, 60_000);

  it('loads no third-party module from iwf-ts/sdk, and neither fastify nor msw from iwf-ts/simulator', () => {
    expect(thirdPartyModules(sourceOf('iwf-ts/sdk')).atImport).toEqual([]);
    expect(thirdPartyModules(sourceOf('iwf-ts/simulator')).atImport).not.toContain('fastify');
    expect(thirdPartyModules(sourceOf('iwf-ts/simulator')).atImport).not.toContain('msw');
    expect(thirdPartyModules(sourceOf('iwf-ts/testing')).atImport).not.toContain('fastify');
  });
});
