/**
 * Runs the Neovim end-to-end test (test/editors/neovim.e2e.mjs + neovim/test.lua) inside `npm test`.
 * Skipped only on a developer machine without `nvim`; with CI set it runs and fails loudly when nvim is missing
 * (.ci/run installs Debian's neovim first).
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const hasNvim = !spawnSync(process.env.NVIM_BIN || 'nvim', ['--version']).error;
const inCi = Boolean(process.env.CI);

describe('Neovim end-to-end (real nvim, dist/server.js --stdio)', () => {
  it.skipIf(!hasNvim && !inCi)('diagnostics, hover, code action and its edit work in Neovim', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test', 'editors', 'neovim.e2e.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const output = `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
    expect(r.status, output).toBe(0);
    expect(output).toMatch(/neovim-e2e: \d+ passed, 0 failed/);
  }, 130_000);
});
