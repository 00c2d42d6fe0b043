import { createRequire } from 'node:module';
import { dockerfile } from '../generate.mjs';
const require = createRequire(import.meta.url);
const engine = require(process.argv[2]);
const { DockerfileParser } = require('dockerfile-ast');
const n = Number(process.argv[3] ?? 50);
const text = dockerfile(n);
const a = [], b = [];
for (let i = 0; i < 4000 * 50 / n; i++) {
  let t = performance.now(); engine.DockerfileParser.parse(text); const x = performance.now() - t;
  t = performance.now(); DockerfileParser.parse(text); const y = performance.now() - t;
  if (i > 200) { a.push(x); b.push(y); }
}
const med = (v) => v.sort((p, q) => p - q)[v.length >> 1];
console.log(n, 'bundled', med(a).toFixed(3), 'node_modules', med(b).toFixed(3));
