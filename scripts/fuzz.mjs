// `npm run fuzz -- --minutes N [--seed S]`: bundle test/fuzz/run-long.ts with esbuild (as the product is bundled)
// and run it with node. Arguments after `--` are passed through.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

// One bundle per run: a long campaign forks its children from this file again after every crasher, so another
// `npm run fuzz` (a replay while it runs) must not rebuild it under the campaign with newer code.
const out = path.join('node_modules', '.cache', 'cgo-lens-fuzz', `run-long-${process.pid}.cjs`);
mkdirSync(path.dirname(out), { recursive: true });
await build({
  entryPoints: ['test/fuzz/run-long.ts'],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
  // typescript (corpus harvesting) stays a runtime require; web-tree-sitter's ESM entry needs import.meta.url.
  external: ['typescript'],
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' },
});
const r = spawnSync(process.execPath, ['--enable-source-maps', '--max-old-space-size=4096', out, ...process.argv.slice(2)], { stdio: 'inherit' });
rmSync(out, { force: true });
process.exit(r.status ?? 1);
