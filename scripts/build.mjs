// Type-check, then bundle the client, the server and the CLI with esbuild; copy the WASM files beside them.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';

const noCheck = process.argv.includes('--no-typecheck');
if (!noCheck) execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });

mkdirSync('dist', { recursive: true });
// web-tree-sitter's ESM entry reads import.meta.url, which is undefined in a CommonJS bundle: use its CJS build.
// conditions: [] keeps esbuild from preferring ESM builds with getter-based exports (dockerfile-ast's hot Range.create), ~14–40% faster parses.
const common = { conditions: [], alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, minify: true, legalComments: 'none', logLevel: 'warning' };
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
copyFileSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
