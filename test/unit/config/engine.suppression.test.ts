import { beforeAll, describe, expect, it } from 'vitest';
import { CgoLensService } from '../../../server/src/service/service';
import { defaultSettings, type Settings } from '../../../server/src/config/settings';
import { parseRepoConfig } from '../../../server/src/config/repoConfig';
import { effectiveSettings } from '../../../server/src/config/resolve';

let svc: CgoLensService;
beforeAll(async () => {
  svc = await CgoLensService.create();
});

const lines = ['FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch', 'COPY --from=build /out/app /app'];
const DOCKERFILE = lines.join('\n') + '\n';
const withLine = (at: number, comment: string) => [...lines.slice(0, at), comment, ...lines.slice(at)].join('\n') + '\n';
const found = (text: string, settings: Settings = defaultSettings()) =>
  svc.analyze({ uri: 'file:///w/Dockerfile', text }, settings).findings.map((f) => `${f.code}@${f.loc.range.start.line}:${f.severity}`);

describe('suppression through the engine', () => {
  it('reports CGO202 on line 2 and CGO101 on line 4 without suppression', () => {
    expect(found(DOCKERFILE)).toEqual(['CGO202@1:information', 'CGO101@3:error']);
  });

  it('# cgo-lens ignore=CGO101 above the COPY silences exactly that finding', () => {
    expect(found(withLine(3, '# cgo-lens ignore=CGO101'))).toEqual(['CGO202@1:information']);
    expect(found(withLine(3, '# cgo-lens ignore=CGO101 # the app is static in practice'))).toEqual(['CGO202@1:information']);
  });

  it('the pragma is bound to the next instruction only', () => {
    // Above the RUN: CGO101 is on the COPY, so nothing is silenced.
    expect(found(withLine(1, '# cgo-lens ignore=CGO101'))).toEqual(['CGO202@2:information', 'CGO101@4:error']);
  });

  it('a stage pragma before FROM scratch silences findings of that stage', () => {
    expect(found(withLine(2, '# cgo-lens stage ignore=CGO101'))).toEqual(['CGO202@1:information']);
    // …and not those of the build stage.
    expect(found(withLine(2, '# cgo-lens stage ignore=CGO202'))).toEqual(['CGO202@1:information', 'CGO101@4:error']);
  });

  it('a global pragma on line 1 works (dockerfile-ast would call it a parser directive)', () => {
    expect(found(withLine(0, '# CGO-Lens global ignore=CGO202,CGO101'))).toEqual([]);
    expect(found(withLine(0, '# cgo-lens ignore=CGO202'))).toEqual(['CGO202@2:information', 'CGO101@4:error']);
  });

  it('.cgo-lens.yaml `ignored: [CGO101]` through effectiveSettings silences it too', () => {
    const { config, errors } = parseRepoConfig('ignored: [CGO101]\n', '.cgo-lens.yaml');
    expect(errors).toEqual([]);
    expect(found(DOCKERFILE, effectiveSettings(defaultSettings(), config))).toEqual(['CGO202@1:information']);
  });

  it('override in .cgo-lens.yaml changes the level; an explicit editor setting beats it', () => {
    const { config } = parseRepoConfig('override:\n  warning: [CGO101]\n  style: [CGO202]\n', '.cgo-lens.yaml');
    expect(found(DOCKERFILE, effectiveSettings(defaultSettings(), config))).toEqual(['CGO202@1:hint', 'CGO101@3:warning']);
    const editor = { ...defaultSettings(), rules: { CGO101: 'error' as const } };
    expect(found(DOCKERFILE, effectiveSettings(editor, config))).toEqual(['CGO202@1:hint', 'CGO101@3:error']);
  });
});

describe('config documents', () => {
  it('returns validation errors with ranges, no findings', () => {
    const r = svc.analyze({ uri: 'file:///w/.cgo-lens.yaml', text: 'ignored: [CGO101, CGO999]\nfoo: 1\n' });
    expect(r.kind).toBe('config');
    expect(r.findings).toEqual([]);
    expect(r.configErrors).toEqual([
      { message: 'unknown rule "CGO999" in ignored', range: { start: { line: 0, character: 18 }, end: { line: 0, character: 24 } } },
      { message: 'unknown key "foo" (expected ignored, override, failure-threshold, images)', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } } },
    ]);
  });

  it('a valid file has an empty list; .cgo-lens.yml too', () => {
    expect(svc.analyze({ uri: 'file:///w/.cgo-lens.yml', text: 'ignored: [CGO101]\n' }).configErrors).toEqual([]);
  });
});
