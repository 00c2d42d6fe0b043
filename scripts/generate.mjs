#!/usr/bin/env node
// Derive the settings schema, the .cgo-lens.yaml schema, the rule index and the README rules table from the rule registry.
//
//   node scripts/generate.mjs           write package.json contributes.configuration, schemas/cgo-lens.schema.json,
//                                       docs/rules/README.md and the README rules table (between <!-- rules:start/end -->)
//   node scripts/generate.mjs --check   change nothing; exit 1 listing every out-of-date file and every
//                                       rule without a docs/rules/<ID>.md page (or page without a rule)
//
// Exit codes: 0 all in order, 1 out of date / problems found, 2 the registry could not be loaded.
// The registry is TypeScript: it is bundled with esbuild to a temporary CommonJS file and required.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { plan, staleOutputs, checkReport, DOCS_DIR } from './generate-lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export async function loadRegistry(entry = join(root, 'server/src/rules/registry.ts')) {
  const dir = mkdtempSync(join(tmpdir(), 'cgo-lens-generate-'));
  const outfile = join(dir, 'registry.cjs');
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      logLevel: 'silent',
    });
    const mod = createRequire(import.meta.url)(outfile);
    if (!Array.isArray(mod.RULES) || typeof mod.docsUrl !== 'function') {
      throw new Error(`${entry} must export RULES (array) and docsUrl(id)`);
    }
    return { rules: mod.RULES, docsUrl: mod.docsUrl };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function io(base) {
  return {
    read(path) {
      const p = join(base, path);
      return existsSync(p) ? readFileSync(p, 'utf8') : undefined;
    },
    listDocs() {
      const p = join(base, DOCS_DIR);
      return existsSync(p) ? readdirSync(p).filter((n) => n.endsWith('.md')) : [];
    },
  };
}

async function main(argv) {
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length) {
    process.stderr.write(`generate: unknown argument ${unknown[0]}\nusage: node scripts/generate.mjs [--check]\n`);
    return 2;
  }

  let registry;
  try {
    registry = await loadRegistry();
  } catch (e) {
    const detail = e && Array.isArray(e.errors) && e.errors.length
      ? e.errors.map((m) => `  ${m.location ? `${m.location.file}:${m.location.line}:${m.location.column}: ` : ''}${m.text}`).join('\n')
      : `  ${e && e.message ? e.message : e}`;
    process.stderr.write(`generate: cannot load the rule registry (server/src/rules/registry.ts):\n${detail}\n`);
    return 2;
  }

  const result = plan(registry.rules, registry.docsUrl, io(root));

  if (check) {
    const report = checkReport(result);
    if (report) {
      process.stderr.write(`generate --check: FAILED\n${report}\n`);
      return 1;
    }
    process.stdout.write(`generate --check: package.json, schemas/cgo-lens.schema.json, README.md and docs/rules/README.md match the registry (${registry.rules.length} rules, every rule has its page).\n`);
    return 0;
  }

  for (const o of staleOutputs(result.outputs)) {
    const p = join(root, o.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, o.expected);
    process.stdout.write(`generate: updated ${o.path} (${o.what})\n`);
  }
  if (result.problems.length) {
    process.stderr.write(`${checkReport({ outputs: [], problems: result.problems })}\n`);
    return 1;
  }
  process.stdout.write(`generate: ${registry.rules.length} rules; generated files are up to date.\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
