// `npm run package`: build the bundles, then package the VS Code extension with vsce — offline, bundled,
// `--no-dependencies`, no stdin — into cgo-lens-<version>.vsix, and print its size and contents.
// Fails when the package holds anything but the allowed run-time files, or grows past the size limit.
//
//   node scripts/package.mjs [--no-build | --no-typecheck] [--out FILE]
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MAX_BYTES = 2 * 1024 * 1024;
/** Everything a .vsix may contain (paths inside the archive). */
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/(readme|changelog)\.md$/i,
  /^extension\/LICENSE(\.txt)?$/i,
  /^extension\/images\/icon\.png$/,
  /^extension\/dist\/(extension|server)\.js$/,
  /^extension\/dist\/[\w-]+\.wasm$/,
  /^extension\/syntaxes\/[\w.-]+\.tmLanguage\.json$/,
  /^extension\/schemas\/[\w.-]+\.schema\.json$/,
];
const REQUIRED = ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/tree-sitter.wasm', 'extension/dist/tree-sitter-bash.wasm', 'extension/images/icon.png', 'extension/syntaxes/cgo-lens.injection.tmLanguage.json'];

function fail(reason) {
  console.error(`package: FAIL: ${reason}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const outIdx = args.indexOf('--out');
const out = path.resolve(ROOT, outIdx >= 0 ? args[outIdx + 1] : `${pkg.name}-${pkg.version}.vsix`);

const t0 = Date.now();
if (!args.includes('--no-build')) {
  try {
    execFileSync(process.execPath, ['scripts/build.mjs', ...(args.includes('--no-typecheck') ? ['--no-typecheck'] : [])], { cwd: ROOT, stdio: 'inherit' });
  } catch (err) {
    fail(`the build failed (${err.status ?? err.message}); see above`);
  }
}
const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
// stdin closed: vsce must never wait for an answer (it asks when, e.g., the LICENSE is missing).
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '--no-git-tag-version', '--out', out], {
  cwd: ROOT,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});
const vsceOutput = `${r.stdout ?? ''}${r.stderr ?? ''}`;
process.stdout.write(vsceOutput);
if (r.error || r.status !== 0) fail(`vsce package failed (${r.error?.message ?? `exit ${r.status}`})`);
// A clean manifest packages without warnings (missing repository/LICENSE, star activation, unused patterns, …).
const warnings = vsceOutput.split('\n').filter((l) => /\bWARNING\b/.test(l));
if (warnings.length) fail(`vsce warned about the manifest:\n${warnings.join('\n')}`);

const entries = zipEntries(out);
const bytes = statSync(out).size;
console.log(`\n${path.relative(ROOT, out)}: ${(bytes / 1024).toFixed(1)} KB, ${entries.length} files (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
for (const e of entries) console.log(`  ${e.name.padEnd(56)} ${(e.size / 1024).toFixed(1).padStart(8)} KB`);
const unexpected = entries.filter((e) => !ALLOWED.some((re) => re.test(e.name)));
if (unexpected.length) fail(`unexpected files in the package (tighten .vscodeignore): ${unexpected.map((e) => e.name).join(', ')}`);
const missing = REQUIRED.filter((n) => !entries.some((e) => e.name === n));
if (missing.length) fail(`missing from the package: ${missing.join(', ')}`);
if (bytes > MAX_BYTES) fail(`${bytes} bytes is over the ${MAX_BYTES}-byte limit`);

/** Names and uncompressed sizes from the zip central directory. */
function zipEntries(file) {
  const fd = openSync(file, 'r');
  try {
    const size = statSync(file).size;
    const tailLen = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) fail(`${file} is not a zip archive`);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const list = [];
    for (let i = 0, p = 0; i < count; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) fail(`${file}: bad central directory`);
      const usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      list.push({ name: cd.toString('utf8', p + 46, p + 46 + nameLen), size: usize });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return list;
  } finally {
    closeSync(fd);
  }
}
