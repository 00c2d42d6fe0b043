import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../../server/src/cli/io';
import { resolveRoots, walk } from '../../../server/src/cli/walk';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'cgo-lens-walk-')));
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (let i = 0; i < 30; i++) {
  mkdirSync(path.join(root, `d${String(i).padStart(2, '0')}`));
  writeFileSync(path.join(root, `d${String(i).padStart(2, '0')}`, 'Dockerfile'), 'FROM scratch\n');
}

describe('walk', () => {
  it('visits in name order and stops at the cap, saying so', () => {
    const all = walk(resolveRoots(['.'], root), { cwd: root });
    expect(all.capped).toBe(false);
    expect(all.files.map((f) => f.display)).toEqual(Array.from({ length: 30 }, (_, i) => `d${String(i).padStart(2, '0')}/Dockerfile`));

    // 30 directories + their files = 60 entries; a cap of 40 cuts the walk short.
    const capped = walk(resolveRoots(['.'], root), { cwd: root, maxVisited: 40 });
    expect(capped.capped).toBe(true);
    expect(capped.files.length).toBeGreaterThan(0);
    expect(capped.files.length).toBeLessThan(30);
  });

  it('rejects a missing PATH with the contract message', () => {
    expect(() => resolveRoots(['missing'], root)).toThrow(CliError);
    expect(() => resolveRoots(['missing'], root)).toThrow('missing: no such file or directory');
  });
});
