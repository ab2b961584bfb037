// Bundles the Apps Script side into dist/Code.js (+ appsscript.json) for clasp.
// Usage: node scripts/build.mjs [--outdir DIR]
import { build } from 'esbuild';
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// The sidebar page and the API list come from src/ (TypeScript), as for the CLI.
register();
const { buildSidebarHtml } = await import('../src/preview/sidebar-html.ts');
const { API_METHODS, serverFunctionName } = await import('../src/api/contract.ts');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--outdir');
const outDir = resolve(root, i > 0 ? process.argv[i + 1] : 'dist');

// Apps Script has no timers, but eventemitter2 (via json-rules-engine) reads
// setTimeout at load and uses it as its setImmediate. Zero-delay callbacks run
// as microtasks (Apps Script drains them); delayed ones are only timeouts
// guarding waits, so they never fire.
const banner = `(function (g) {
  if (typeof g.setTimeout !== 'undefined') return;
  var next = 1, live = {};
  g.setTimeout = function (fn, ms) {
    var id = next++;
    if (!(ms > 0) && typeof fn === 'function') {
      var args = Array.prototype.slice.call(arguments, 2);
      live[id] = true;
      Promise.resolve().then(function () { if (live[id]) { delete live[id]; fn.apply(null, args); } });
    }
    return id;
  };
  g.clearTimeout = function (id) { delete live[id]; };
})(typeof globalThis !== 'undefined' ? globalThis : this);`;

// Only top-level function declarations are callable from menus and triggers.
// The sidebar's server functions, one per method of src/api/contract.ts, each
// answering plain JSON synchronously (the work is synchronous in Apps Script).
const footer = [
  ...['onOpen(e)', 'onInstall(e)', 'recomputeTiers()', 'showRulesSidebar()', 'showRulePreview()', 'showHelp()', 'shareWithAdminTeam()', 'continueRecompute()', 'showRunStatus()', 'exportLedgerDetail()'].map(
    (sig) => `function ${sig} { return Fenceng.${sig}; }`,
  ),
  ...API_METHODS.map((method) => `function ${serverFunctionName(method)}(request) { return Fenceng.callApi(${JSON.stringify(method)}, request); }`),
].join('\n');

// clasp pushes every file in the folder: start clean so nothing stale ships.
await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
await build({
  entryPoints: [join(root, 'src/gas/main.ts')],
  outfile: join(outDir, 'Code.js'),
  bundle: true,
  platform: 'browser', // neutral fails: jsonpath-plus's node build imports vm
  format: 'iife',
  globalName: 'Fenceng',
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  banner: { js: banner },
  footer: { js: footer },
  logLevel: 'warning',
});
await copyFile(join(root, 'appsscript.json'), join(outDir, 'appsscript.json'));
// HtmlService.createHtmlOutputFromFile('Sidebar'): one self-contained file.
await writeFile(join(outDir, 'Sidebar.html'), await buildSidebarHtml());
console.log(`built ${join(outDir, 'Code.js')}`);
