import { readFileSync } from 'node:fs';

/** The page's files, in the order `index.html` loads its scripts. */
const SCRIPTS = ['page-common.js', 'workflow-list.js', 'workflow-timeline.js', 'page-app.js'] as const;
const FILES = ['index.html', 'page.css', ...SCRIPTS] as const;

/**
 * A file of the page (static, shipped in the package next to the compiled code).
 *
 * @example
 * const file: PageFile = 'page.css';
 */
export type PageFile = (typeof FILES)[number];

let cache: Map<PageFile, string> | undefined;

/**
 * The text of one of the page's static files (read once; they live in `simulator/ui/`, copied
 * beside the compiled code by `npm run build`).
 *
 * @example
 * reply.type('text/html').send(pageFile('index.html'));
 */
export function pageFile(name: PageFile): string {
  if (!cache) {
    cache = new Map();
    for (const file of FILES)
      cache.set(file, readFileSync(new URL(`../ui/${file}`, import.meta.url), 'utf8'));
  }
  return cache.get(name) ?? '';
}

/**
 * Whether a name is one of the page's files (for the route that serves them).
 *
 * @example
 * isPageFile('page.css'); // true
 */
export function isPageFile(name: string): name is PageFile {
  return (FILES as readonly string[]).includes(name);
}

/**
 * The page as one HTML file with its styles, scripts and data inlined: it opens from disk, with no
 * server (the timeline a failing test leaves behind).
 *
 * @example
 * writeFileSync('timeline.html', selfContainedPage({ workflows, timelines, exchanges, now }));
 */
export function selfContainedPage(data: unknown, title = 'iWF timeline'): string {
  // `<` escaped: no value can end the script element early.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const scripts = SCRIPTS.map((file) => `<script>\n${pageFile(file)}\n</script>`).join('\n');
  return pageFile('index.html')
    .replace('<title>iWF simulator</title>', `<title>${title.replace(/[<&]/g, '')}</title>`)
    .replace(
      '<link rel="stylesheet" href="/simulator/ui/page.css">',
      () => `<style>\n${pageFile('page.css')}\n</style>`,
    )
    .replace(/<script src="[^"]+"><\/script>\n/g, '')
    .replace(
      '</body>',
      () => `<script type="application/json" id="iwf-embedded-data">${json}</script>\n${scripts}\n</body>`,
    );
}
