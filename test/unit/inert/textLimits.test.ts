/**
 * What is read at all (server/src/text/limits.ts): over maxFileBytes, NUL bytes, or large *and* made of long lines.
 * Each is skipped with its reason as the document's analysis, and linked files of that shape read as absent.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CgoLensService } from '../../../server/src/service/service';
import { defaultSettings } from '../../../server/src/config/settings';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import { DENSE_TEXT_MIN_CHARS, MAX_AVERAGE_LINE_CHARS, unreadableReason } from '../../../server/src/text/limits';

let service: CgoLensService;
beforeAll(async () => {
  service = await CgoLensService.create({ log: { info: () => undefined, error: (m) => expect.fail(m) } });
});

const GLIBC_ON_SCRATCH = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';
const longRuns = (n: number, chars: number) => Array.from({ length: n }, (_, i) => `RUN go build -o /app${i} ` + 'x '.repeat(chars / 2)).join('\n');

describe('text limits', () => {
  it('ten 100 KB RUN lines (977 KB in 15 lines) are skipped with the reason, not parsed', () => {
    const text = GLIBC_ON_SCRATCH.replace('FROM scratch', `${longRuns(10, 100_000)}\nFROM scratch`);
    const c0 = process.cpuUsage();
    const r = service.analyze({ uri: 'file:///w/Dockerfile', text });
    const c = process.cpuUsage(c0);
    expect(r.findings).toEqual([]);
    expect(r.skipped).toBe(`CGO Lens skipped this file: 977 KB in 15 lines (over ${MAX_AVERAGE_LINE_CHARS} characters a line on average) does not look like a hand-written build file.`);
    expect((c.user + c.system) / 1000).toBeLessThan(50);
  });

  it('long lines in a small file, and a large file of short lines, are analysed', () => {
    const codes = service.analyze({ uri: 'file:///w/Dockerfile', text: GLIBC_ON_SCRATCH }).findings.map((f) => f.code);
    expect(codes).toContain('CGO202');
    const small = service.analyze({ uri: 'file:///w/Dockerfile', text: GLIBC_ON_SCRATCH.replace('FROM scratch', `${longRuns(1, 50_000)}\nFROM scratch`) });
    expect(small.skipped).toBeUndefined();
    expect(small.findings.map((f) => f.code)).toEqual(codes);
    const shortLines = Array.from({ length: 20_000 }, (_, i) => `RUN echo ${i}`).join('\n');
    expect(shortLines.length).toBeGreaterThan(DENSE_TEXT_MIN_CHARS);
    const large = service.analyze({ uri: 'file:///w/Dockerfile', text: GLIBC_ON_SCRATCH.replace('FROM scratch', `${shortLines}\nFROM scratch`) });
    expect(large.skipped).toBeUndefined();
    expect(large.findings.map((f) => f.code)).toEqual(codes);
  });

  it.each([
    ['over the size limit', 'x\n'.repeat(1000), 1000, '2 KB is over the 1 KB limit (cgoLens.maxFileBytes)'],
    ['NUL bytes', 'FROM alpine\u0000', 2 ** 20, 'it contains NUL bytes (binary content)'],
    ['one 300 KB line', 'x'.repeat(300_000), 2 ** 20, `293 KB in 1 line (over ${MAX_AVERAGE_LINE_CHARS} characters a line on average) does not look like a hand-written build file`],
    ['exactly the dense-text threshold', 'x'.repeat(DENSE_TEXT_MIN_CHARS), 2 ** 20, undefined],
  ])('%s', (_name, text, maxBytes, reason) => {
    expect(unreadableReason(text, maxBytes)).toBe(reason);
  });

  it('a linked script of that shape reads as absent: the RUN that calls it is analysed without it', () => {
    const dense = '#!/bin/sh\n' + ('CGO_ENABLED=1 go build ' + 'x '.repeat(40_000) + '\n').repeat(4);
    const files = new MemoryWorkspaceFiles({ 'file:///w/build.sh': dense, 'file:///w/ok.sh': '#!/bin/sh\nCGO_ENABLED=1 go build -o /app .\n' }, 'file:///w/');
    expect(files.read('file:///w/build.sh')).toBeUndefined();
    expect(files.read('file:///w/ok.sh')).toBeDefined();
    const text = (script: string) => `FROM golang:1.22 AS build\nCOPY . .\nRUN ./${script}\nFROM alpine:3.20\nCOPY --from=build /app /app\n`;
    const linked = service.analyze({ uri: 'file:///w/Dockerfile', text: text('ok.sh') }, defaultSettings(), files);
    expect(linked.dependencies).toEqual(['file:///w/ok.sh']);
    const unread = service.analyze({ uri: 'file:///w/Dockerfile', text: text('build.sh') }, defaultSettings(), files);
    expect(unread.dependencies ?? []).toEqual([]);
  });
});
