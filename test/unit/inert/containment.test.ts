/**
 * Containment (DESIGN §2.5): a rule or a reader that throws is logged once, with its id and a compact stack, and
 * everything else is still reported — through the service, and over the LSP (in-process, the real service).
 * Rules are monkey-patched in place (the RULES array and one rule's check) and restored after each test.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CgoLensService } from '../../../server/src/service/service';
import { RULES } from '../../../server/src/rules/registry';
import type { Rule } from '../../../server/src/rules/types';
import { startLanguageServer } from '../../../server/src/lsp/languageServer';
import { GLIBC_ON_SCRATCH, pushOnlyCapabilities, startInMemory, type LspClient } from '../../lsp/harness';

// A reader that throws on demand; every other document goes to the real reader.
vi.mock('../../../server/src/readers/dockerfile/reader', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../server/src/readers/dockerfile/reader')>();
  return {
    ...real,
    readDockerfile: (...args: Parameters<typeof real.readDockerfile>) => {
      if (args[1].includes('# READER-BOOM')) throw new TypeError('reader exploded on purpose');
      return real.readDockerfile(...args);
    },
  };
});

const URI = 'file:///work/Dockerfile';
const logged: string[] = [];
let service: CgoLensService;
beforeAll(async () => {
  service = await CgoLensService.create({ log: { info: () => undefined, error: (m) => logged.push(m) } });
});

const rules = RULES as Rule[];
const restore: (() => void)[] = [];
let client: LspClient | undefined;
afterEach(() => {
  for (const r of restore.splice(0).reverse()) r();
  client?.dispose();
  client = undefined;
  logged.length = 0;
});

/** A rule whose check throws (a unique message per test: the service logs each distinct failure once per process). */
function throwingRule(id: string, message: string): Rule {
  return {
    meta: { id: id as Rule['meta']['id'], name: 'always-throws', title: 'throws', severity: 'error', summary: 'test' },
    check: () => {
      throw new RangeError(message);
    },
  };
}

function pushRule(rule: Rule): void {
  rules.push(rule);
  restore.push(() => {
    const i = rules.indexOf(rule);
    if (i >= 0) rules.splice(i, 1);
  });
}

function breakRule(id: string, message: string): void {
  const rule = rules.find((r) => r.meta.id === id)!;
  const original = rule.check;
  rule.check = () => {
    throw new Error(message);
  };
  restore.push(() => {
    rule.check = original;
  });
}

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code);

describe('containment in the service', () => {
  it('a rule added to RULES that throws: logged once with its id and a compact stack, the other findings still come', () => {
    const baseline = codes(service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH }));
    expect(baseline).toContain('CGO101');
    pushRule(throwingRule('CGO990', 'boom from an added rule'));
    const first = service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH });
    expect(codes(first)).toEqual(baseline);
    service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH + '\n' });
    service.analyze({ uri: 'file:///work/other/Dockerfile', text: GLIBC_ON_SCRATCH });
    expect(logged).toHaveLength(1);
    const line = logged[0]!;
    expect(line).toMatch(/^rule CGO990 failed on file:\/\/\/work\/Dockerfile: RangeError: boom from an added rule \(.+\)$/);
    expect(line).not.toContain('\n'); // compact: one line
    expect(line.split(' ← ').length).toBeGreaterThanOrEqual(2); // with stack frames
    expect(line.length).toBeLessThan(600);
  });

  it('an existing rule (CGO101) that throws: the other rules still report', () => {
    const text = GLIBC_ON_SCRATCH.replace('RUN go build', 'RUN go build -installsuffix cgo -a');
    const baseline = codes(service.analyze({ uri: URI, text }));
    expect(baseline).toEqual(expect.arrayContaining(['CGO101', 'CGO504']));
    breakRule('CGO101', 'CGO101 broke on purpose');
    const r = service.analyze({ uri: URI, text });
    expect(codes(r)).toEqual(baseline.filter((c) => c !== 'CGO101'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^rule CGO101 failed on .*: Error: CGO101 broke on purpose \(/);
  });

  it('every rule throwing at once: analyze still returns, each rule logged once', () => {
    for (const r of [...rules]) breakRule(r.meta.id, `all broken ${r.meta.id}`);
    const r = service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH });
    expect(r.findings).toEqual([]);
    expect(logged).toHaveLength(rules.length);
    service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH });
    expect(logged).toHaveLength(rules.length);
  });

  it('a reader that throws: logged with its kind and a compact stack, analyze returns no findings instead of throwing', () => {
    const r = service.analyze({ uri: URI, text: `${GLIBC_ON_SCRATCH}# READER-BOOM\n` });
    expect(r.findings).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^reader dockerfile failed on file:\/\/\/work\/Dockerfile: TypeError: reader exploded on purpose \(.+\)$/);
    // Other documents are unaffected.
    expect(codes(service.analyze({ uri: URI, text: GLIBC_ON_SCRATCH }))).toContain('CGO101');
  });
});

describe('containment over the LSP (in-process server, real service)', () => {
  async function start(): Promise<LspClient> {
    client = await startInMemory({ capabilities: pushOnlyCapabilities(), initializationOptions: { debounceMs: 0 } }, (reader, writer) => {
      const connection = createConnection(ProposedFeatures.all, reader, writer);
      startLanguageServer(connection, { version: '0.0.0-test' });
      connection.listen();
      return { dispose: () => connection.dispose() };
    });
    return client;
  }

  it('a throwing rule: the other diagnostics are published, the failure is logged once to the client', async () => {
    pushRule(throwingRule('CGO991', 'boom over the wire'));
    const c = await start();
    await c.open(URI, GLIBC_ON_SCRATCH);
    const p1 = await c.diagnosticsAt(URI, 1);
    expect(p1.diagnostics.map((d) => d.code)).toContain('CGO101');
    await c.change(URI, 2, [{ text: `${GLIBC_ON_SCRATCH}\n` }]);
    await c.diagnosticsAt(URI, 2);
    const errors = c.errorLogs().filter((m) => m.includes('CGO991'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/rule CGO991 failed on file:\/\/\/work\/Dockerfile: RangeError: boom over the wire \(/);
  });

  it('a throwing reader: an empty diagnostic set is published (no crash), the next good version is analysed', async () => {
    const c = await start();
    await c.open(URI, `${GLIBC_ON_SCRATCH}# READER-BOOM\n`);
    expect((await c.diagnosticsAt(URI, 1)).diagnostics).toEqual([]);
    await c.change(URI, 2, [{ text: GLIBC_ON_SCRATCH }]);
    expect((await c.diagnosticsAt(URI, 2)).diagnostics.map((d) => d.code)).toContain('CGO101');
    expect(c.errorLogs().filter((m) => m.includes('reader dockerfile failed'))).toHaveLength(1);
  });
});
