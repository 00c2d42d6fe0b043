import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatBytes, readSource } from '../../../server/src/cli/readSource';

const dir = mkdtempSync(path.join(tmpdir(), 'cgo-lens-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('readSource', () => {
  it('reads UTF-8 and drops a BOM so columns match the editor', () => {
    expect(readSource(file('bom', '\uFEFFFROM scratch\n'), 1000)).toEqual({ ok: true, text: 'FROM scratch\n' });
    expect(readSource(file('utf8', 'LABEL x="é"\n'), 1000)).toEqual({ ok: true, text: 'LABEL x="é"\n' });
  });

  it('refuses files over the limit without reading them', () => {
    expect(readSource(file('big', 'x'.repeat(2048)), 1024)).toEqual({ ok: false, reason: 'file is 2.0 KB, over the 1.0 KB limit' });
  });

  it('refuses binary files: a NUL in the first 8 KB, not later', () => {
    expect(readSource(file('bin', Buffer.from('FROM\0')), 1e6)).toEqual({ ok: false, reason: 'binary file (NUL byte in the first 8 KB)' });
    expect(readSource(file('late', Buffer.concat([Buffer.alloc(9000, 0x61), Buffer.from([0])])), 1e6).ok).toBe(true);
  });

  it('says why a file cannot be read', () => {
    expect(readSource(path.join(dir, 'missing'), 1000)).toEqual({ ok: false, reason: 'no such file or directory' });
    expect(readSource(dir, 1e9)).toEqual({ ok: false, reason: 'is a directory' });
  });

  it('formats sizes for messages', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2 * 1024 * 1024 + 1)).toBe('2.0 MB');
  });
});
