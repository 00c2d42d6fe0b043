import { build } from 'esbuild';
await build({ alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs' }, conditions: [], bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, minify: true, legalComments: 'none', logLevel: 'warning', entryPoints: ['bench/engine.ts'], outfile: 'bench/.out/engine-cond.cjs' });
