#!/usr/bin/env node
// Grammar test for syntaxes/cgo-lens.injection.tmLanguage.json with vscode-tmgrammar-test (vscode-textmate +
// vscode-oniguruma, the engine VS Code uses): the sample files test/grammar/sample.* carry assertion comments.
//
//   node test/grammar/run.mjs                       minimal stand-in base grammars (test/grammar/base/)
//   node test/grammar/run.mjs --vscode-extensions DIR
//                                                   VS Code's real built-in grammars from DIR (an installed VS Code /
//                                                   code-server `extensions` folder: docker, make, shellscript, yaml)
//
// The injection entry (scopeName, injectTo) is read from package.json, so the test checks what the extension ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const require = createRequire(import.meta.url);

function fail(reason) {
  console.error(`grammar-test: FAIL: ${reason}`);
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const injection = (pkg.contributes?.grammars ?? []).find((g) => g.injectTo);
if (!injection) fail('package.json contributes no injection grammar (contributes.grammars[].injectTo)');
const injectionPath = path.resolve(ROOT, injection.path);
if (!existsSync(injectionPath)) fail(`${injection.path} (from package.json) does not exist`);
const declared = JSON.parse(readFileSync(injectionPath, 'utf8')).scopeName;
if (declared !== injection.scopeName) fail(`package.json says scopeName ${injection.scopeName}, the grammar says ${declared}`);
for (const target of ['source.dockerfile', 'source.makefile', 'source.shell', 'source.yaml']) {
  if (!injection.injectTo.includes(target)) fail(`package.json injectTo lacks ${target}`);
}

const argIdx = process.argv.indexOf('--vscode-extensions');
const vscodeExtensions = argIdx > 0 ? path.resolve(process.argv[argIdx + 1] ?? '') : undefined;

/** Base grammars: scopeName → absolute path. */
const bases = {};
if (vscodeExtensions) {
  // Every grammar the four built-in extensions contribute (the YAML one includes its versioned siblings).
  for (const ext of ['docker', 'make', 'shellscript', 'yaml']) {
    const manifest = path.join(vscodeExtensions, ext, 'package.json');
    if (!existsSync(manifest)) fail(`${manifest} is missing: not a VS Code extensions folder`);
    for (const g of JSON.parse(readFileSync(manifest, 'utf8')).contributes?.grammars ?? []) bases[g.scopeName] = path.join(vscodeExtensions, ext, g.path);
  }
} else {
  for (const f of readdirSync(path.join(HERE, 'base'))) {
    const file = path.join(HERE, 'base', f);
    bases[JSON.parse(readFileSync(file, 'utf8')).scopeName] = file;
  }
}
for (const target of injection.injectTo) if (!bases[target]) fail(`no base grammar for ${target}`);

const work = mkdtempSync(path.join(tmpdir(), 'cgo-lens-grammar-'));
// vscode-tmgrammar-test joins each path onto the config's folder: write relative paths.
const rel = (p) => path.relative(work, p);
const grammars = [
  ...Object.entries(bases).map(([scopeName, p]) => ({ scopeName, path: rel(p) })),
  { scopeName: injection.scopeName, path: rel(injectionPath), injectTo: injection.injectTo },
];
const config = path.join(work, 'package.json');
writeFileSync(config, JSON.stringify({ contributes: { grammars } }, null, 2));

const samples = readdirSync(HERE).filter((f) => f.startsWith('sample.')).map((f) => path.join(HERE, f));
if (samples.length < 4) fail(`expected the four sample files in ${HERE}, found ${samples.length}`);
const cli = path.join(path.dirname(require.resolve('vscode-tmgrammar-test/package.json')), 'dist', 'unit.js');
const r = spawnSync(process.execPath, [cli, '--config', config, ...samples], { encoding: 'utf8', cwd: ROOT });
rmSync(work, { recursive: true, force: true });
process.stdout.write(r.stdout ?? '');
process.stderr.write(r.stderr ?? '');
const failedFiles = (r.stdout.match(/✖/g) ?? []).length;
const passedFiles = (r.stdout.match(/✓/g) ?? []).length;
const against = vscodeExtensions ? `VS Code's built-in grammars (${vscodeExtensions})` : 'the minimal base grammars';
if (r.status !== 0 || failedFiles > 0 || passedFiles !== samples.length) {
  console.error(`grammar-test: FAIL against ${against}: ${passedFiles} passed, ${failedFiles} failed (exit ${r.status})`);
  process.exit(1);
}
console.log(`grammar-test (${against}): ${passedFiles} passed, 0 failed`);
