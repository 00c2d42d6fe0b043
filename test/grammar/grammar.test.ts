/**
 * The TextMate injection grammar (syntaxes/cgo-lens.injection.tmLanguage.json) against the sample files in this
 * folder, with vscode-tmgrammar-test over minimal stand-in base grammars (test/grammar/base/). The VS Code
 * end-to-end test (npm run test:vscode) runs the same samples against VS Code's real built-in grammars.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { expect, it } from 'vitest';

it('the injection grammar scopes build variables and go commands in Dockerfile, Makefile, shell and YAML samples', () => {
  const r = spawnSync(process.execPath, [path.join(__dirname, 'run.mjs')], { encoding: 'utf8', timeout: 60_000 });
  const output = `${r.stdout}${r.stderr}`;
  expect(r.status, output).toBe(0);
  expect(output).toMatch(/grammar-test \(the minimal base grammars\): 4 passed, 0 failed/);
}, 70_000);
