import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allScenarios } from '../../conformance/scenarios/index.ts';

// A maintainer who clones the repository must be able to follow every citation: code and docs may
// cite documents in the repository (docs/semantics/… with a rule id), never notes kept elsewhere.

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git']);
const SOURCE = /\.(ts|mts|js|mjs|cjs)$/;
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url));

/** Ways the project used to cite documents that were never in the repository. */
const OUTSIDE_CITATIONS: [RegExp, string][] = [
  [/§\s*\d/, 'a section number of a document outside the repository'],
  [/\bfaults doc\b/i, '"the faults doc" (outside the repository)'],
  [/\bdesign §|\bdesign\.md\b/i, 'the design notes (outside the repository)'],
  [/\.\.\/shared\/docs|shared\/docs\//, 'a file under ../shared/docs (outside the repository)'],
  [
    /iwf-server-semantics|iwf-real-server-faults|iwf-wire-protocol|official-sdk-features|testing-harness-anchors|stack-notes\.md|model-codebases|signup-and-samples\.md/,
    'a note kept outside the repository',
  ],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [relative(ROOT, path)];
  });
}

/** GitHub's anchor for a heading: lower case, link targets and punctuation dropped, spaces as dashes. */
function headingSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  let anchors = anchorCache.get(file);
  if (!anchors) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    anchors = new Set([
      ...[...text.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/^#{1,6} (.*)$/gm)].map((m) => headingSlug(m[1] ?? '')),
    ]);
    anchorCache.set(file, anchors);
  }
  return anchors;
}

/** Why a cited repository file and anchor cannot be followed, or undefined when they can. */
function brokenTarget(file: string, anchor: string | undefined): string | undefined {
  if (!existsSync(join(ROOT, file))) return `${file} does not exist`;
  if (anchor && file.endsWith('.md') && !anchorsOf(file).has(anchor))
    return `${file} has no anchor #${anchor}`;
  return undefined;
}

const all = filesUnder(ROOT);
const sources = all.filter((file) => SOURCE.test(file) && file !== THIS_FILE);
const markdown = all.filter((file) => file.endsWith('.md'));

/** A markdown file's lines with code blocks and inline code blanked: code is not a citation. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    return fenced || line.trimStart().startsWith('```') ? '' : line.replace(/`[^`]*`/g, '');
  });
}

function problems(files: string[], check: (line: string, file: string) => string[]): string[] {
  return files.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const lines = file.endsWith('.md') ? proseLines(text) : text.split('\n');
    return lines.flatMap((line, index) =>
      check(line, file).map((problem) => `${file}:${index + 1}: ${problem}`),
    );
  });
}

const outsideCitations = (line: string) =>
  OUTSIDE_CITATIONS.filter(([pattern]) => pattern.test(line)).map(
    ([, what]) => `cites ${what}; cite docs/semantics/<file>.md#<rule-id> or say the fact directly`,
  );

describe('citations in code and docs', () => {
  it('no source file cites a document that is not in the repository', () => {
    expect(problems(sources, outsideCitations)).toEqual([]);
  });

  it('no markdown file cites a document that is not in the repository', () => {
    expect(problems(markdown, outsideCitations)).toEqual([]);
  });

  it('every docs/… file and rule id a source file cites exists', () => {
    const broken = problems(sources, (line) =>
      [...line.matchAll(/\b(docs\/[\w./-]+\.md)((?:#[\w-]+)(?:,\s*#[\w-]+)*)?/g)].flatMap((m) => {
        const anchors = (m[2] ?? '').split(/,\s*/).filter(Boolean);
        const targets = anchors.length ? anchors.map((a) => a.slice(1)) : [undefined];
        return targets.flatMap((anchor) => brokenTarget(m[1] ?? '', anchor) ?? []);
      }),
    );
    expect(broken).toEqual([]);
  });

  it('every relative link in a markdown file leads to a file and anchor that exist', () => {
    const broken = problems(markdown, (line, file) =>
      [...line.matchAll(/\]\(([^)\s]+)\)/g)].flatMap((m) => {
        const target = m[1] ?? '';
        if (/^[a-z]+:/.test(target)) return [];
        const [path, anchor] = target.split('#');
        const linked = path ? relative(ROOT, resolve(ROOT, dirname(file), path)) : file;
        return brokenTarget(linked, anchor) ?? [];
      }),
    );
    expect(broken).toEqual([]);
  });
});

describe('the coverage map (docs/semantics-coverage.md)', () => {
  const coverage = readFileSync(join(ROOT, 'docs/semantics-coverage.md'), 'utf8');

  it('cites only test files that exist', () => {
    const cited = new Set(
      [...coverage.replace(/`[^`]*`/g, '').matchAll(/([a-z0-9-]+) › /g)].map((m) => m[1] ?? ''),
    );
    const missing = [...cited].filter((name) => !existsSync(join(ROOT, `tests/simulator/${name}.test.ts`)));
    expect(missing).toEqual([]);
  });

  it('cites only conformance scenarios that exist', () => {
    const names = new Set(allScenarios.map((s) => s.name));
    const cited = [...coverage.matchAll(/conformance ((?:`[a-z0-9-]+`(?:, )?)+)/g)].flatMap((m) =>
      [...(m[1] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((n) => n[1] ?? ''),
    );
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((name) => !names.has(name))).toEqual([]);
  });
});

describe('rule ids in test titles', () => {
  it('name rules that docs/semantics defines', () => {
    const ruleIds = new Set(
      all.filter((file) => file.startsWith('docs/semantics/')).flatMap((file) => [...anchorsOf(file)]),
    );
    const tests = all.filter((file) => file.endsWith('.test.ts'));
    const unknown = problems(tests, (line) =>
      /\b(it|describe|test)(\.\w+(\([^)]*\))?)?\(/.test(line)
        ? [...line.matchAll(/\(((?:[a-z]+(?:-[a-z]+)*-\d+)(?:, [a-z]+(?:-[a-z]+)*-\d+)*)\)/g)]
            .flatMap((m) => (m[1] ?? '').split(', '))
            .filter((id) => !ruleIds.has(id))
            .map((id) => `rule id ${id} is not defined in docs/semantics/`)
        : [],
    );
    expect(unknown).toEqual([]);
  });
});
