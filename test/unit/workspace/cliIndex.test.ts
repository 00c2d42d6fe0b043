import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { indexRoots, indexWorkspace } from '../../../server/src/cli/indexWorkspace';
import type { Io } from '../../../server/src/cli/io';
import { GO, toScratch } from './harness';

let tmp: string;
beforeEach(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-cli-index-')));
  fs.writeFileSync(path.join(tmp, 'go.mod'), GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'));
  fs.writeFileSync(path.join(tmp, 'main.go'), GO.main(['_ "github.com/mattn/go-sqlite3"']));
  fs.writeFileSync(path.join(tmp, 'Dockerfile'), toScratch('RUN CGO_ENABLED=0 go build -o /app .'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function io(stderrTTY: boolean): Io & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    cwd: tmp,
    env: {},
    stdout: { write: (s) => void (out += s), isTTY: false },
    stderr: { write: (s) => void (err += s), isTTY: stderrTTY },
    out: () => out,
    err: () => err,
  };
}

const root = (abs: string, isDir = true) => ({ arg: abs, abs, isDir, isFile: !isDir });

describe('cgo-lens check builds the workspace index', () => {
  it('CGO301 in JSON output, with the go.mod require as related information and the go.mod information finding', async () => {
    const t = io(false);
    expect(await main(['check', '--format', 'json', '.'], t)).toBe(1);
    const report = JSON.parse(t.out()) as { findings: { file: string; code: string; severity: string }[] };
    expect(report.findings.map((f) => [f.file, f.code, f.severity])).toEqual([
      ['Dockerfile', 'CGO301', 'error'],
      ['go.mod', 'CGO301', 'information'],
    ]);
    expect(t.err()).toBe('');
  });

  it('checking one file indexes its directory', async () => {
    const t = io(false);
    await main(['check', '--format', 'json', 'Dockerfile'], t);
    expect(t.out()).toContain('CGO301');
    expect(indexRoots([root(path.join(tmp, 'Dockerfile'), false), root(tmp)])).toEqual([tmp]);
  });

  it('progress line: only on a terminal, only after the delay, erased at the end, never for json/sarif', async () => {
    const tty = io(true);
    await indexWorkspace([root(tmp)], tty, { format: 'text', progressDelayMs: 0 });
    expect(tty.err()).toMatch(/^\rcgo-lens: indexing Go sources… \d+ Go files, \d+ go\.mod/);
    expect(tty.err().endsWith('\r\u001b[K')).toBe(true);

    const slowToShow = io(true);
    await indexWorkspace([root(tmp)], slowToShow, { format: 'text' }); // default 1 s delay: a small tree never shows it
    expect(slowToShow.err()).toBe('');

    for (const format of ['json', 'sarif'] as const) {
      const t = io(true);
      await indexWorkspace([root(tmp)], t, { format, progressDelayMs: 0 });
      expect(t.err()).toBe('');
    }
    const piped = io(false);
    await indexWorkspace([root(tmp)], piped, { format: 'text', progressDelayMs: 0 });
    expect(piped.err()).toBe('');
  });
});
