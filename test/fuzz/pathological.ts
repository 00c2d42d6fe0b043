/**
 * A table of pathological inputs per file kind — 100 KB lines of every troublesome character, 500-deep `$(…)`,
 * `${…}` and quote nesting, 1,000-line continuations, YAML billion laughs and 1,000-deep nesting, exponential and
 * recursive Makefile variables, long stage chains and cycles, many heredocs, escapes at EOF. Used by fuzz.test.ts
 * (each row within budget) and by `npm run fuzz -- --table` (prints every row's time).
 */
import type { FuzzKind } from './mutator';
import { LONG_LINE_UNITS } from './mutator';
import type { FuzzInput } from './oracle';

/** Where a payload goes in a minimal file of each kind: the place its reader shell-parses or expands it. */
export const TEMPLATES: Record<FuzzKind, (payload: string) => string> = {
  dockerfile: (p) => `FROM golang:1.22 AS build\nRUN go build ${p}\nFROM scratch\nCOPY --from=build /app /app\n`,
  makefile: (p) => `GO ?= go\nbuild:\n\t$(GO) build ${p}\n`,
  shell: (p) => `#!/bin/sh\nset -e\nCGO_ENABLED=0 go build ${p}\n`,
  goreleaser: (p) => `builds:\n  - env: [CGO_ENABLED=0]\n    ldflags:\n      - ${p}\n`,
  taskfile: (p) => `version: '3'\ntasks:\n  build:\n    cmds:\n      - go build ${p}\n`,
  workflow: (p) => `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go build ${p}\n`,
  gomod: (p) => `module example.com/x\n\ngo 1.22\n\nrequire ${p} v1.0.0\n`,
  config: (p) => `ignored: [${p}]\n`,
};
export const TABLE_KINDS = Object.keys(TEMPLATES) as FuzzKind[];
export const LONG = 100_000;

/**
 * Units whose 100 KB rows hit the open tree-sitter-bash error-recovery bug (known.ts
 * `shell-parser-quadratic-error-recovery`): seconds to minutes per row wherever a reader shell-parses the line.
 * The bounded table leaves them out (replayed at a smaller size in regressions.test.ts); `--table` runs them.
 */
export const QUADRATIC_UNITS = new Set(['${', '&& ', '{{ ']);

export function yamlBillionLaughs(levels: number, width: number): string {
  const out = ['a0: &a0 ["lol", "lol"]'];
  for (let i = 1; i <= levels; i++) out.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  return out.join('\n');
}

export function doublingArgs(levels: number): string {
  const l = ['ARG A0=x'];
  for (let i = 1; i <= levels; i++) l.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
  l.push(`FROM golang:\${A${levels}}`, 'RUN go build -o /app .');
  return l.join('\n') + '\n';
}

export interface TableOptions {
  /** Long-line rows: every unit at this size (chars)… */
  longChars: number;
  /** …plus these units at 100 KB (all of them when omitted). */
  units100k?: readonly string[];
  /** Include the 100 KB rows of QUADRATIC_UNITS (seconds to minutes each while the bug is open). */
  includeQuadratic?: boolean;
}

/** `npm test`: every unit at 5 KB (budget enforced), plain words at 100 KB. */
export const BOUNDED_TABLE: TableOptions = { longChars: 5_000, units100k: ['x '] };
/** `npm run fuzz -- --table`: everything at 100 KB. */
export const FULL_TABLE: TableOptions = { longChars: LONG, includeQuadratic: true };

const line = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

export function pathologicalRows(options: TableOptions = FULL_TABLE): [string, FuzzInput][] {
  const out: [string, FuzzInput][] = [];
  const kb = (n: number) => `${Math.round(n / 1000)} KB`;
  for (const kind of TABLE_KINDS) {
    for (const unit of LONG_LINE_UNITS) {
      if (options.longChars < LONG || options.includeQuadratic || !QUADRATIC_UNITS.has(unit)) {
        out.push([`${kind} ${kb(options.longChars)} of ${JSON.stringify(unit)}`, { kind, text: TEMPLATES[kind](line(unit, options.longChars)) }]);
      }
      if (options.longChars < LONG && (options.units100k ?? LONG_LINE_UNITS).includes(unit) && (options.includeQuadratic || !QUADRATIC_UNITS.has(unit))) {
        out.push([`${kind} ${kb(LONG)} of ${JSON.stringify(unit)}`, { kind, text: TEMPLATES[kind](line(unit, LONG)) }]);
      }
    }
    out.push([`${kind} 500-deep $( nesting`, { kind, text: TEMPLATES[kind]('$('.repeat(500) + 'x' + ')'.repeat(500)) }]);
    out.push([`${kind} 500-deep unbalanced $(`, { kind, text: TEMPLATES[kind]('$('.repeat(500) + 'x') }]);
    out.push([`${kind} 500-deep \${X:- nesting`, { kind, text: TEMPLATES[kind]('${X:-'.repeat(500) + '0' + '}'.repeat(500)) }]);
    out.push([`${kind} 500-deep quotes and backticks`, { kind, text: TEMPLATES[kind]('"$(`'.repeat(500)) }]);
    out.push([`${kind} 1,000-line continuation`, { kind, text: TEMPLATES[kind](Array.from({ length: 990 }, (_, i) => `-x${i} \\`).join('\n')) }]);
  }
  for (const kind of ['goreleaser', 'taskfile', 'workflow', 'config'] as FuzzKind[]) {
    out.push([`${kind} billion laughs (9 levels × 9 aliases)`, { kind, text: yamlBillionLaughs(9, 9) + `\nenv: *a9\nbuilds: *a9\ntasks: *a9\njobs: *a9\nignored: *a9\n` }]);
    out.push([`${kind} 1,000-deep flow sequence`, { kind, text: 'env: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n' }]);
    out.push([`${kind} 1,000-deep block mapping`, { kind, text: Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + '\n' }]);
  }
  const expo = ['V0 = CGO_ENABLED=0', ...Array.from({ length: 48 }, (_, i) => `V${i + 1} = $(V${i}) $(V${i})`), 'export CGO_ENABLED := $(V48)', 'build:', '\t$(V48) go build -o app .'];
  out.push(['makefile 48 doubling variables (2^48 expansion)', { kind: 'makefile', text: expo.join('\n') + '\n' }]);
  out.push(['makefile self-recursive and mutually recursive variables', { kind: 'makefile', text: 'X = $(X)\nA = $(B)\nB = $(A)\nF = $(call F)\nbuild:\n\t$(X) $(A) $(call F) go build\n' }]);
  out.push(['shell function recursion', { kind: 'shell', text: 'f() { f; }\nf\ng() { CGO_ENABLED=0 g; }\ng\ngo build\n' }]);
  out.push(['dockerfile 200 chained stages', { kind: 'dockerfile', text: ['FROM golang:1.22 AS s0', 'RUN go build -o /app .', ...Array.from({ length: 199 }, (_, i) => `FROM s${i} AS s${i + 1}\nCOPY --from=s${i} /app /app`)].join('\n') + '\n' }]);
  out.push(['dockerfile stage cycle', { kind: 'dockerfile', text: 'FROM b AS a\nFROM a AS b\nCOPY --from=a /app /app\nCOPY --from=b /app /app\n' }]);
  out.push(['dockerfile 60 heredocs on one RUN', { kind: 'dockerfile', text: 'FROM golang:1.22\nRUN ' + Array.from({ length: 60 }, (_, i) => `<<E${i}`).join(' ') + '\n' + Array.from({ length: 60 }, (_, i) => `go build\nE${i}`).join('\n') + '\n' }]);
  out.push(['dockerfile FROM with an escaped newline at EOF', { kind: 'dockerfile', text: 'FROM golang:1.22 \\' }]);
  out.push(['dockerfile backtick escape directive with a trailing backtick at EOF', { kind: 'dockerfile', text: '# escape=`\nFROM golang:1.22\nRUN go build `' }]);
  out.push(['dockerfile unterminated <<-EOF heredoc', { kind: 'dockerfile', text: 'FROM golang:1.22\nRUN <<-EOF\n\tCGO_ENABLED=0 go build -o /app .\n' }]);
  out.push(['dockerfile ${X:-"default"} everywhere', { kind: 'dockerfile', text: 'ARG X\nFROM golang:${X:-"1.22"} AS b\nENV CGO_ENABLED=${X:-"0"}\nRUN go build -o ${X:-"/app"} .\nFROM scratch\nCOPY --from=b ${X:-"/app"} /app\n' }]);
  out.push(['dockerfile 20 doubling ARGs (below the known blow-up)', { kind: 'dockerfile', text: doublingArgs(20) }]);
  // Unterminated templates followed by whitespace: cubic while yaml-template-regex-cubic is open (seconds per row).
  if (options.includeQuadratic) {
    for (const [kind, open] of [['workflow', '${{'], ['taskfile', '{{'], ['goreleaser', '{{']] as const) {
      out.push([`${kind} unterminated ${open} + 2 KB of spaces`, { kind, text: TEMPLATES[kind](`${open}${' '.repeat(2000)}x`) }]);
    }
  }
  return out;
}
