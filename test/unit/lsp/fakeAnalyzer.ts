/**
 * A stand-in for the engine with hand-made findings, so the LSP layer can be tested in-process before (and
 * independently of) the real Dockerfile rules. Mimics CGO101 on the contract Dockerfile of test/lsp/harness.ts.
 */
import type { AnalysisResult, DocumentInput } from '../../../server/src/service/service';
import type { Settings } from '../../../server/src/config/settings';
import type { Finding } from '../../../server/src/rules/types';
import type { Analyzer } from '../../../server/src/lsp/languageServer';
import { fileKindOf } from '../../../server/src/service/fileKind';

export class FakeAnalyzer implements Analyzer {
  readonly calls: { uri: string; version?: number; settings: Settings }[] = [];

  analyze(doc: DocumentInput, settings: Settings): AnalysisResult {
    this.calls.push({ uri: doc.uri, version: doc.version, settings });
    const kind = fileKindOf(doc.uri, doc.languageId);
    if (!kind || !settings.enable) return { kind, findings: [] };
    if (doc.text.includes('SKIPME')) return { kind, findings: [], skipped: 'CGO Lens skipped this file: test.' };
    if (doc.text.includes('THROWME')) throw new Error('fake engine failure');
    const lines = doc.text.split(/\r?\n/);
    const findings: Finding[] = [];
    const copy = lines.findIndex((l) => l.startsWith('COPY --from='));
    const run = lines.findIndex((l) => l.startsWith('RUN ') && l.includes('go build'));
    const from = lines.findIndex((l) => l === 'FROM scratch');
    const level = settings.rules.CGO101;
    if (copy >= 0 && run >= 0 && from >= 0 && !doc.text.includes('CGO_ENABLED=0') && level !== 'off') {
      findings.push({
        code: 'CGO101',
        severity: level ?? 'error',
        message: 'The binary is dynamically linked against glibc, but scratch has no glibc loader.',
        loc: { uri: doc.uri, range: { start: { line: copy, character: 0 }, end: { line: copy, character: lines[copy].length } } },
        related: [{ loc: { uri: doc.uri, range: { start: { line: run, character: 0 }, end: { line: run, character: lines[run].length } } }, message: 'built with cgo here' }],
        fixes: [
          {
            title: 'Set CGO_ENABLED=0 on the build',
            preferred: true,
            safe: true,
            edits: [{ uri: doc.uri, range: { start: { line: run, character: 4 }, end: { line: run, character: 4 } }, newText: 'CGO_ENABLED=0 ' }],
          },
          {
            title: 'Use gcr.io/distroless/base-debian12 as the runtime image',
            preferred: false,
            safe: false,
            edits: [{ uri: doc.uri, range: { start: { line: from, character: 5 }, end: { line: from, character: 12 } }, newText: 'gcr.io/distroless/base-debian12' }],
          },
        ],
      });
    }
    const suffix = lines.findIndex((l) => l.includes('-installsuffix cgo'));
    if (suffix >= 0) {
      const c = lines[suffix].indexOf('-installsuffix cgo');
      findings.push({
        code: 'CGO504',
        severity: 'hint',
        message: '-installsuffix cgo has no effect since Go 1.10',
        loc: { uri: doc.uri, range: { start: { line: suffix, character: c }, end: { line: suffix, character: c + 18 } } },
        related: [],
        fixes: [{ title: 'Remove -installsuffix cgo', preferred: true, safe: true, edits: [{ uri: doc.uri, range: { start: { line: suffix, character: c - 1 }, end: { line: suffix, character: c + 18 } }, newText: '' }] }],
        tags: ['unnecessary'],
      });
    }
    const mk = lines.findIndex((l) => l.includes('make-elsewhere'));
    if (mk >= 0) {
      findings.push({
        code: 'CGO204',
        severity: 'warning',
        message: 'finding located in another file',
        loc: { uri: 'file:///work/Makefile', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
        related: [],
        fixes: [],
      });
    }
    return { kind, findings };
  }
}
