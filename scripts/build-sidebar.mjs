// Builds the sidebar into ONE self-contained HTML string (inline script and
// styles), as HtmlService wants it. Used by build.mjs (dist/Sidebar.html) and
// by `fenceng preview`, which serves the very same page locally.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'src/sidebar');

/** @param {{ minify?: boolean }} [options] */
export async function buildSidebarHtml(options = {}) {
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

/**
 * The API methods and their Apps Script function names, read from
 * src/api/contract.ts itself so the footer can never drift from it.
 * @returns {Promise<Array<{ method: string, name: string }>>}
 */
export async function sidebarApiMethods() {
  const out = await build({
    entryPoints: [join(root, 'src/api/contract.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return mod.API_METHODS.map((method) => ({ method, name: mod.serverFunctionName(method) }));
}
