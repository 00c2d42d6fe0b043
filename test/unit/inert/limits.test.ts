/**
 * Bounded expansion: inputs built to explode when expanded — YAML "billion laughs" (9 levels of 10 aliases: 10^9
 * nodes once expanded) in every YAML kind, placed where each reader looks (env, builds, tasks, steps, ignored …), and
 * a Makefile whose variables double 48 times — are analysed in under a second of CPU without growing the heap.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CgoLensService } from '../../../server/src/service/service';

let service: CgoLensService;
const errors: string[] = [];
beforeAll(async () => {
  service = await CgoLensService.create({ log: { info: () => undefined, error: (m) => errors.push(m) } });
});

function laughs(levels = 9, width = 10): string {
  const out = ['x0: &a0 ["CGO_ENABLED=0", "CGO_ENABLED=1", "go build -o app ."]'];
  for (let i = 1; i <= levels; i++) out.push(`x${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  // A map anchor too, for merge keys.
  out.push(`m0: &m0 {CGO_ENABLED: "0", GOOS: linux, run: go build}`);
  return out.join('\n');
}

const TOP = 'a9';
const CASES: [string, string, string][] = [
  [
    'goreleaser',
    'file:///w/.goreleaser.yaml',
    `${laughs()}\nbuilds:\n  - id: a\n    env: *${TOP}\n    goos: *${TOP}\n    goarch: *${TOP}\n    flags: *${TOP}\n    ldflags: *${TOP}\n    tags: *${TOP}\n    targets: *${TOP}\n    overrides: *${TOP}\n  - <<: [*m0, *m0, *m0]\n    env: *${TOP}\ndockers: *${TOP}\n`,
  ],
  [
    'taskfile',
    'file:///w/Taskfile.yml',
    `${laughs()}\nversion: '3'\nenv: *m0\ntasks:\n  build:\n    env: *m0\n    cmds: *${TOP}\n    deps: *${TOP}\n  other:\n    <<: *m0\n    cmds: *${TOP}\n`,
  ],
  [
    'workflow',
    'file:///w/.github/workflows/ci.yml',
    `${laughs()}\non: push\nenv: *m0\njobs:\n  b:\n    runs-on: *${TOP}\n    strategy:\n      matrix:\n        goarch: *${TOP}\n        os: *${TOP}\n    steps:\n      - run: go build\n        env: *m0\n      - <<: *m0\n      - with: {args: *${TOP}}\n`,
  ],
  ['config', 'file:///w/.cgo-lens.yaml', `${laughs()}\nignored: *${TOP}\noverride: {error: *${TOP}, warning: *${TOP}}\nimages: *m0\n`],
];

function measure(f: () => void): { cpuMs: number; heapMb: number } {
  const heap0 = process.memoryUsage().heapUsed;
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return { cpuMs: (c.user + c.system) / 1000, heapMb: (process.memoryUsage().heapUsed - heap0) / 1e6 };
}

describe('bounded expansion', () => {
  it.each(CASES)('%s: a YAML billion laughs analyses in < 1 s CPU without exploding memory', (_kind, uri, text) => {
    errors.length = 0;
    let result: ReturnType<CgoLensService['analyze']> | undefined;
    const m = measure(() => {
      result = service.analyze({ uri, text });
    });
    expect(result).toBeDefined();
    expect(errors, 'a reader or rule threw').toEqual([]);
    expect(m.cpuMs).toBeLessThan(1000);
    expect(m.heapMb).toBeLessThan(100);
  });

  it('makefile: 48 doubling variables (2^48 expansion) analyse in < 1 s CPU without exploding memory', () => {
    const text = ['V0 = CGO_ENABLED=0', ...Array.from({ length: 48 }, (_, i) => `V${i + 1} = $(V${i}) $(V${i})`), 'export CGO_ENABLED := $(V48)', 'build:', '\t$(V48) go build -o app .', ''].join('\n');
    errors.length = 0;
    const m = measure(() => service.analyze({ uri: 'file:///w/Makefile', text }));
    expect(errors).toEqual([]);
    expect(m.cpuMs).toBeLessThan(1000);
    expect(m.heapMb).toBeLessThan(100);
  });
});
