/**
 * Builds the sidebar into ONE self-contained HTML string (inline script and
 * styles), as HtmlService wants it. Used by scripts/build.mjs (dist/Sidebar.html)
 * and by `fenceng preview`, which serves the very same page locally.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'sidebar');

export async function buildSidebarHtml(options: { minify?: boolean } = {}): Promise<string> {
  const minify = options.minify ?? true;
  const js = await build({
    entryPoints: [join(dir, 'main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2019',
    charset: 'utf8',
    legalComments: 'none',
    minify,
    logLevel: 'warning',
  });
  const css = await build({
    entryPoints: [join(dir, 'styles.css')],
    bundle: true,
    write: false,
    charset: 'utf8',
    minify,
    logLevel: 'warning',
  });
  const template = await readFile(join(dir, 'index.html'), 'utf8');
  const script = js.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  const style = css.outputFiles[0].text.replace(/<\/(style)/gi, '<\\/$1');
  // Functions as replacements: `$` in the code must not be read as a pattern.
  return template.replace('/*STYLES*/', () => style).replace('/*SCRIPT*/', () => script);
}
