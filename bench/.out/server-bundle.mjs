import { build } from 'esbuild';
import fs from 'node:fs';
await build({ alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' }, bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: false, keepNames: false, legalComments: 'none', logLevel: 'warning', entryPoints: ['server/src/server.ts'], outfile: 'bench/.out/srv/server.js' });
fs.copyFileSync('dist/tree-sitter.wasm', 'bench/.out/srv/tree-sitter.wasm'); fs.copyFileSync('dist/tree-sitter-bash.wasm', 'bench/.out/srv/tree-sitter-bash.wasm');
