import { describe, expect, it } from 'vitest';
import { analyzeWith, codes, GO, lines, memIndex, ROOT } from './harness';

// Programs are attached to the go commands of every build file kind: Makefiles and scripts run in their own
// directory (parents are tried), workflows at the repository root.
const SQLITE = {
  'go.mod': GO.mod('example.com/app', 'github.com/mattn/go-sqlite3 v1.14.22'),
  'main.go': GO.main(['_ "github.com/mattn/go-sqlite3"']),
};

describe('workspace facts for other build files', () => {
  it('Makefile recipe', async () => {
    const r = await analyzeWith(memIndex(SQLITE), lines('build:', '\tCGO_ENABLED=0 go build -o app .'), `${ROOT}/Makefile`);
    expect(codes(r.findings, 'CGO301')).toHaveLength(1);
  });

  it('a script in scripts/ run from the repository root', async () => {
    const r = await analyzeWith(memIndex(SQLITE), lines('#!/bin/sh', 'set -e', 'CGO_ENABLED=0 go build -o app .'), `${ROOT}/scripts/build.sh`);
    expect(codes(r.findings, 'CGO301')).toHaveLength(1);
  });

  it('GitHub workflow run step (repository root)', async () => {
    const wf = lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-24.04', '    steps:', '      - run: CGO_ENABLED=0 go build -o app .');
    const r = await analyzeWith(memIndex(SQLITE), wf, `${ROOT}/.github/workflows/ci.yml`);
    expect(codes(r.findings, 'CGO301')).toHaveLength(1);
  });
});
