import { describe, expect, it } from 'vitest';
import { applyPragmas, parsePragmas, trailingCommentStart } from '../../../server/src/config/pragmas';
import { dockerEscapeChar, instructionSpans, splitLines } from '../../../server/src/config/pragmaSpans';
import type { FileKind } from '../../../server/src/model/types';
import type { Finding, RuleId } from '../../../server/src/rules/types';

const URI = 'file:///w/f';

function finding(code: string, line: number, stage?: number, uri = URI): Finding {
  const f: Finding = {
    code: code as RuleId,
    severity: 'warning',
    message: `${code} at ${line}`,
    loc: { uri, range: { start: { line, character: 0 }, end: { line, character: 1 } } },
    related: [],
    fixes: [],
  };
  if (stage !== undefined) f.stage = stage;
  return f;
}

/** Which of the findings survive, as `CODE@line`. */
function kept(kind: FileKind, text: string, findings: Finding[], stageLines?: number[]): string[] {
  return applyPragmas(findings, { uri: URI, text, kind, ...(stageLines ? { stageLines } : {}) }).map((f) => `${f.code}@${f.loc.range.start.line}`);
}
const doc = (...l: string[]) => l.join('\n');

describe('parsePragmas: syntax', () => {
  it.each([
    ['# cgo-lens ignore=CGO101', ['CGO101']],
    ['#cgo-lens ignore=CGO101', ['CGO101']],
    ['  #   cgo-lens   ignore = CGO101 , CGO202', ['CGO101', 'CGO202']],
    ['# CGO-LENS IGNORE=cgo101', ['CGO101']],
    ['# cgo-lens: ignore=CGO101', ['CGO101']],
    ['# cgo-lens ignore=CGO101,CGO202 # the binary is static in practice', ['CGO101', 'CGO202']],
    ['# cgo-lens ignore=CGO101 because reasons', ['CGO101']],
    ['# cgo-lens ignore=CGO101,CGO999,DL3006', ['CGO101']],
    ['# cgo-lens ignore=CGO101,CGO101', ['CGO101']],
  ])('%j → %j', (comment, codes) => {
    expect(parsePragmas(doc(comment, 'RUN x'), 'dockerfile').map((p) => p.codes)).toEqual([codes]);
  });

  it.each([
    '# cgo-lens ignore=',
    '# cgo-lens ignore=CGO999',
    '# cgo-lens ignore CGO101',
    '# cgo-lensignore=CGO101',
    '# cgo-lens ignored=CGO101',
    '# cgo-lens disable=CGO101',
    '# cgo-lens stageignore=CGO101',
    '# hadolint ignore=CGO101',
    '# see cgo-lens ignore=CGO101',
  ])('%j is not a pragma', (comment) => {
    expect(parsePragmas(doc(comment, 'RUN x'), 'dockerfile')).toEqual([]);
  });

  it('reads the scope keyword in any case', () => {
    const ps = parsePragmas(doc('# cgo-lens GLOBAL ignore=CGO101', '# cgo-lens Stage ignore=CGO202', 'FROM x'), 'dockerfile');
    expect(ps.map((p) => [p.scope, p.line, p.from, p.to])).toEqual([
      ['global', 0, 0, 2],
      ['stage', 1, 2, 2],
    ]);
  });

  it('returns nothing quickly for files without the marker', () => {
    expect(parsePragmas('FROM x\n# hadolint ignore=DL3006\nRUN y\n', 'dockerfile')).toEqual([]);
  });
});

describe('line pragmas in a Dockerfile', () => {
  it('silence only the listed codes on the next instruction', () => {
    const text = doc('FROM a', '# cgo-lens ignore=CGO101', 'COPY x /x', 'COPY y /y');
    expect(kept('dockerfile', text, [finding('CGO101', 2), finding('CGO202', 2), finding('CGO101', 3), finding('CGO101', 0)])).toEqual(['CGO202@2', 'CGO101@3', 'CGO101@0']);
  });

  it('work on line 1 (where dockerfile-ast sees a parser directive)', () => {
    const text = doc('# cgo-lens ignore=CGO101', 'FROM a');
    expect(kept('dockerfile', text, [finding('CGO101', 1)])).toEqual([]);
  });

  it('skip blank and comment lines to reach the instruction; stacked pragmas add up', () => {
    const text = doc('FROM a', '# cgo-lens ignore=CGO101', '', '# cgo-lens ignore=CGO202 # second reason', '# plain comment', '', 'RUN go build');
    expect(kept('dockerfile', text, [finding('CGO101', 6), finding('CGO202', 6), finding('CGO203', 6)])).toEqual(['CGO203@6']);
  });

  it('cover every continuation line of the instruction, and nothing after it', () => {
    const text = doc('FROM a', '# cgo-lens ignore=CGO202', 'RUN apk add gcc && \\', '    # a comment Docker drops', '', '    CGO_ENABLED=1 \\  ', '    go build', 'RUN go build');
    expect(kept('dockerfile', text, [finding('CGO202', 2), finding('CGO202', 5), finding('CGO202', 6), finding('CGO202', 7)])).toEqual(['CGO202@7']);
  });

  it('follow the `# escape=` directive', () => {
    const text = doc('# escape=`', 'FROM a', '# cgo-lens ignore=CGO202', 'RUN go build `', '    -o app', 'RUN x \\', 'RUN y');
    expect(kept('dockerfile', text, [finding('CGO202', 4), finding('CGO202', 5), finding('CGO202', 6)])).toEqual(['CGO202@5', 'CGO202@6']);
  });

  it('cover a heredoc body; an unterminated heredoc does not swallow the file', () => {
    const text = doc('FROM a', '# cgo-lens ignore=CGO202', 'RUN <<EOF', 'set -e', 'go build', 'EOF', 'RUN go build');
    expect(kept('dockerfile', text, [finding('CGO202', 4), finding('CGO202', 6)])).toEqual(['CGO202@6']);
    const open = doc('FROM a', '# cgo-lens ignore=CGO202', 'RUN <<EOF', 'go build', 'RUN go build');
    expect(kept('dockerfile', open, [finding('CGO202', 2), finding('CGO202', 3)])).toEqual(['CGO202@3']);
  });

  it('a pragma inside a heredoc body covers the script line after it', () => {
    const text = doc('FROM a', 'RUN <<EOF', 'echo hi', '# cgo-lens ignore=CGO202', 'go build', 'go build', 'EOF');
    expect(kept('dockerfile', text, [finding('CGO202', 4), finding('CGO202', 5)])).toEqual(['CGO202@5']);
  });

  it('ignore a trailing `#` (not a comment in a Dockerfile)', () => {
    const text = doc('FROM a', 'RUN go build # cgo-lens ignore=CGO202');
    expect(kept('dockerfile', text, [finding('CGO202', 1)])).toEqual(['CGO202@1']);
  });

  it('leave findings located in other files alone', () => {
    const text = doc('# cgo-lens ignore=CGO101', 'COPY x /x');
    expect(kept('dockerfile', text, [finding('CGO101', 1, undefined, 'file:///w/other')])).toEqual(['CGO101@1']);
  });

  it('do nothing at the end of the file with no instruction after', () => {
    expect(parsePragmas(doc('FROM a', '# cgo-lens ignore=CGO101', ''), 'dockerfile')).toEqual([]);
  });
});

describe('stage and global pragmas', () => {
  const text = doc('FROM golang AS build', 'RUN go build', '', '# cgo-lens stage ignore=CGO101', 'FROM scratch', 'COPY --from=build /a /a', 'FROM alpine', 'COPY --from=build /a /a');

  it('stage: by the finding\'s stage index', () => {
    expect(kept('dockerfile', text, [finding('CGO101', 5, 1), finding('CGO101', 7, 2), finding('CGO101', 1, 0)])).toEqual(['CGO101@7', 'CGO101@1']);
  });

  it('stage: by line span for findings without a stage index', () => {
    expect(kept('dockerfile', text, [finding('CGO101', 4), finding('CGO101', 5), finding('CGO101', 6), finding('CGO101', 1)])).toEqual(['CGO101@6', 'CGO101@1']);
  });

  it('stage: uses the plan\'s FROM lines when given', () => {
    expect(parsePragmas(text, 'dockerfile', [0, 4, 6]).map((p) => [p.stage, p.from, p.to])).toEqual([[1, 4, 5]]);
    expect(parsePragmas(text, 'dockerfile').map((p) => [p.stage, p.from, p.to])).toEqual([[1, 4, 5]]);
  });

  it('stage: the next FROM even if other instructions come first; none after → no effect', () => {
    const t = doc('FROM a', '# cgo-lens stage ignore=CGO101', 'ARG X', 'FROM b', 'COPY x y');
    expect(kept('dockerfile', t, [finding('CGO101', 4, 1)])).toEqual([]);
    expect(parsePragmas(doc('FROM a', 'RUN x', '# cgo-lens stage ignore=CGO101', 'RUN y'), 'dockerfile')).toEqual([]);
  });

  it('stage: from lowercase `from` lines too, and never in non-Dockerfiles', () => {
    expect(kept('dockerfile', doc('# cgo-lens stage ignore=CGO101', 'from a', 'COPY x y'), [finding('CGO101', 2)])).toEqual([]);
    expect(kept('shell', doc('# cgo-lens stage ignore=CGO101', 'go build'), [finding('CGO101', 1, 0)])).toEqual(['CGO101@1']);
  });

  it('global: anywhere in the file, for findings anywhere (any file, any stage)', () => {
    const t = doc('FROM a', 'RUN x', '# cgo-lens global ignore=CGO101 # we ship glibc', 'COPY a b');
    expect(kept('dockerfile', t, [finding('CGO101', 0), finding('CGO101', 3, 0, 'file:///w/other'), finding('CGO202', 1)])).toEqual(['CGO202@1']);
  });
});

describe('YAML, shell and Makefile', () => {
  it('shell: next command with its continuation lines', () => {
    const text = doc('#!/bin/sh', '# cgo-lens ignore=CGO202', 'CGO_ENABLED=1 \\', '  go build ./...', 'go build');
    expect(kept('shell', text, [finding('CGO202', 2), finding('CGO202', 3), finding('CGO202', 4)])).toEqual(['CGO202@4']);
  });

  it('shell: a trailing comment covers its own command, including lines continued into it', () => {
    const text = doc('CGO_ENABLED=1 \\', '  go build ./... # cgo-lens ignore=CGO202 # reason', 'go build');
    expect(kept('shell', text, [finding('CGO202', 0), finding('CGO202', 1), finding('CGO202', 2)])).toEqual(['CGO202@2']);
  });

  it('shell: `#` inside quotes or words is not a comment', () => {
    expect(kept('shell', doc('echo "x # cgo-lens ignore=CGO202"', 'go build'), [finding('CGO202', 0), finding('CGO202', 1)])).toEqual(['CGO202@0', 'CGO202@1']);
    expect(kept('shell', doc("echo 'x # cgo-lens ignore=CGO202'"), [finding('CGO202', 0)])).toEqual(['CGO202@0']);
    expect(kept('shell', doc('echo x#cgo-lens ignore=CGO202'), [finding('CGO202', 0)])).toEqual(['CGO202@0']);
  });

  it('shell: a heredoc body belongs to its command; `$((1 << 2))` is not a heredoc', () => {
    const text = doc('# cgo-lens ignore=CGO202', 'sh <<-"END"', '\tgo build', '\tEND', 'go build');
    expect(kept('shell', text, [finding('CGO202', 2), finding('CGO202', 4)])).toEqual(['CGO202@4']);
    const shift = doc('# cgo-lens ignore=CGO202', 'echo $((1 << 2))', '2', 'go build');
    expect(kept('shell', shift, [finding('CGO202', 1), finding('CGO202', 3)])).toEqual(['CGO202@3']);
  });

  it('Makefile: recipe lines with tabs, whole-line and trailing forms', () => {
    const text = doc('build:', '\t# cgo-lens ignore=CGO202', '\tCGO_ENABLED=1 go build \\', '\t  -o app .', '\tgo build # cgo-lens ignore=CGO101', '\tgo build');
    expect(kept('makefile', text, [finding('CGO202', 2), finding('CGO202', 3), finding('CGO101', 4), finding('CGO202', 4), finding('CGO101', 5)])).toEqual(['CGO202@4', 'CGO101@5']);
  });

  it('YAML: a pragma above a step covers the step and its run block', () => {
    const text = doc(
      'jobs:',
      '  build:',
      '    steps:',
      '    # cgo-lens ignore=CGO202',
      '    - name: build',
      '      run: |',
      '        # a shell comment',
      '        CGO_ENABLED=1 go build',
      '',
      '    - run: go build',
    );
    expect(kept('workflow', text, [finding('CGO202', 4), finding('CGO202', 7), finding('CGO202', 9)])).toEqual(['CGO202@9']);
  });

  it('YAML: a pragma above a key with a same-indent sequence covers the sequence', () => {
    const text = doc('# cgo-lens ignore=CGO202', 'builds:', '- env:', '  - CGO_ENABLED=1', 'archives:', '- id: x');
    expect(kept('goreleaser', text, [finding('CGO202', 3), finding('CGO202', 5)])).toEqual(['CGO202@5']);
  });

  it('YAML: pragmas inside a block scalar (shell comments) cover the next script line', () => {
    const text = doc('steps:', '  - run: |', '      # cgo-lens ignore=CGO202', '      CGO_ENABLED=1 go build', '      go build');
    expect(kept('workflow', text, [finding('CGO202', 3), finding('CGO202', 4)])).toEqual(['CGO202@4']);
  });

  it('YAML: trailing form covers the entry and what is nested under it', () => {
    const text = doc('env:', '  CGO_ENABLED: "1" # cgo-lens ignore=CGO202', 'tasks:', '  build:  # cgo-lens ignore=CGO101', '    cmds:', '      - go build', 'x: 1');
    expect(kept('taskfile', text, [finding('CGO202', 1), finding('CGO101', 5), finding('CGO101', 6)])).toEqual(['CGO101@6']);
  });

  it('YAML: `#` inside a quoted value is not a comment', () => {
    expect(kept('taskfile', doc('a: "# cgo-lens ignore=CGO202"'), [finding('CGO202', 0)])).toEqual(['CGO202@0']);
  });

  it('a trailing global pragma covers the file', () => {
    expect(kept('shell', doc('go build', 'go vet # cgo-lens global ignore=CGO202'), [finding('CGO202', 0)])).toEqual([]);
  });
});

describe('helpers', () => {
  it('splitLines accepts every LSP line break', () => {
    expect(splitLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('CRLF files work', () => {
    expect(kept('dockerfile', '# cgo-lens ignore=CGO101\r\nCOPY a \\\r\n  b\r\nCOPY c d\r\n', [finding('CGO101', 2), finding('CGO101', 3)])).toEqual(['CGO101@3']);
  });

  it('dockerEscapeChar reads only leading directives', () => {
    expect(dockerEscapeChar(splitLines('# syntax=docker/dockerfile:1\n# escape=`\nFROM a'))).toBe('`');
    expect(dockerEscapeChar(splitLines('FROM a\n# escape=`'))).toBe('\\');
    expect(dockerEscapeChar(splitLines('# cgo-lens ignore=CGO101\n# escape=`\nFROM a'))).toBe('\\');
  });

  it('instructionSpans maps every line to its instruction', () => {
    const s = instructionSpans(splitLines('FROM a\nRUN a \\\n  b\n# c\nRUN d'), 'dockerfile', '\\');
    expect(s.starts).toEqual([0, 1, 4]);
    expect([...s.startOf]).toEqual([0, 1, 1, -1, 4]);
    expect([...s.endOf]).toEqual([0, 2, -1, -1, 4]);
  });

  it('trailingCommentStart', () => {
    expect(trailingCommentStart('a # b', 0)).toBe(2);
    expect(trailingCommentStart('a\\ # b', 0)).toBe(3);
    expect(trailingCommentStart('a \\# b', 0)).toBe(-1);
    expect(trailingCommentStart('"a \\" # b" c', 0)).toBe(-1);
  });

  it('stays linear on large inputs', () => {
    const big = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? 'RUN <<EOF x \\' : '# cgo-lens ignore=CGO101')).join('\n');
    const t0 = Date.now();
    parsePragmas(big, 'dockerfile');
    parsePragmas(big.replace(/RUN/g, '  key:'), 'workflow');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
