import { beforeAll, describe, expect, it } from 'vitest';
import { initShellParser } from '../../../server/src/shell/parser';
import { readMakefile } from '../../../server/src/readers/makefile/reader';
import { parseMakefile } from '../../../server/src/readers/makefile/syntax';
import { MemoryWorkspaceFiles } from '../../../server/src/workspace/files';
import type { BuildPlan, GoInvocation } from '../../../server/src/model/types';
import { fixClears, findings, lines, MAKEFILE, only, ROOT, textAt } from './linked';

beforeAll(() => initShellParser());

function plan(text: string, files: Record<string, string> = {}): BuildPlan {
  return readMakefile(MAKEFILE, text, { files: new MemoryWorkspaceFiles({ [MAKEFILE]: text, ...files }, ROOT) });
}

/** CGO_ENABLED as the go process sees it, the cgo decision and the kinds of lost assignments. */
function seen(inv: GoInvocation | undefined): [string | undefined, string | undefined, string[]] {
  return [inv?.env.CGO_ENABLED?.value, inv?.cgo.state, inv?.ineffective.map((i) => `${i.kind}@${i.loc.range.start.line}`) ?? []];
}

const BUILD = 'build:\n\tgo build -o bin/app .\n';

describe('Makefile reader: what CGO_ENABLED reaches the go command of a recipe', () => {
  it.each<[string, string, [string | undefined, string, string[]]]>([
    // Every assignment operator, without export: make keeps the value to itself.
    ['= without export', 'CGO_ENABLED = 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    [':= without export', 'CGO_ENABLED := 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['::= without export', 'CGO_ENABLED ::= 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['?= without export', 'CGO_ENABLED ?= 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['+= without export', 'CGO_ENABLED += 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['!= (shell assignment) exported: value unknown', 'CGO_ENABLED != echo 0\nexport CGO_ENABLED\n' + BUILD, [undefined, 'unknown', []]],
    ['override without export', 'override CGO_ENABLED := 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    // Export forms.
    ['export VAR := value', 'export CGO_ENABLED := 0\n' + BUILD, ['0', 'off', []]],
    ['export VAR = value', 'export CGO_ENABLED = 0\n' + BUILD, ['0', 'off', []]],
    ['export VAR ?= value', 'export CGO_ENABLED ?= 0\n' + BUILD, ['0', 'off', []]],
    ['export VAR before the assignment', 'export CGO_ENABLED\nCGO_ENABLED = 0\n' + BUILD, ['0', 'off', []]],
    ['export VAR after the assignment', 'CGO_ENABLED = 0\nexport CGO_ENABLED\n' + BUILD, ['0', 'off', []]],
    ['export of several names', 'CGO_ENABLED = 0\nGOOS = linux\nexport GOOS CGO_ENABLED\n' + BUILD, ['0', 'off', []]],
    ['bare export: everything', 'CGO_ENABLED = 0\nexport\n' + BUILD, ['0', 'off', []]],
    ['.EXPORT_ALL_VARIABLES', '.EXPORT_ALL_VARIABLES:\nCGO_ENABLED = 0\n' + BUILD, ['0', 'off', []]],
    ['export override', 'export override CGO_ENABLED := 0\n' + BUILD, ['0', 'off', []]],
    ['override export', 'override export CGO_ENABLED := 0\n' + BUILD, ['0', 'off', []]],
    ['unexport after export: deliberate, not reported', 'export CGO_ENABLED = 0\nunexport CGO_ENABLED\n' + BUILD, [undefined, 'unknown', []]],
    ['bare unexport cancels bare export', 'CGO_ENABLED = 0\nexport\nunexport\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['+= on an exported variable', 'export CGO_ENABLED =\nCGO_ENABLED += 1\n' + BUILD, ['1', 'on', []]],
    ['recursive value expanded when the recipe runs', 'export CGO_ENABLED = $(STATIC)\nSTATIC := 0\n' + BUILD, ['0', 'off', []]],
    ['simple value expanded when assigned', 'export CGO_ENABLED := $(STATIC)\nSTATIC := 0\n' + BUILD, ['', 'unknown', []]],
    // Target- and pattern-specific variables.
    ['target-specific without export', 'build: CGO_ENABLED := 0\n' + BUILD, [undefined, 'unknown', ['make-unexported@0']]],
    ['target-specific export', 'build: export CGO_ENABLED=0\n' + BUILD, ['0', 'off', []]],
    ['target-specific value of a globally exported variable', 'export CGO_ENABLED = 1\nbuild: CGO_ENABLED = 0\n' + BUILD, ['0', 'off', []]],
    ['target-specific on another target', 'test: export CGO_ENABLED=1\n' + BUILD, [undefined, 'unknown', []]],
    ['pattern-specific export', 'bin/%: export CGO_ENABLED=0\nbin/app:\n\tgo build -o $@ .\n', ['0', 'off', []]],
    // The recipe hands the value over itself.
    ['CGO_ENABLED=$(CGO_ENABLED) on the command', 'CGO_ENABLED := 0\nbuild:\n\tCGO_ENABLED=$(CGO_ENABLED) go build .\n', ['0', 'off', []]],
    ['env CGO_ENABLED=$(CGO_ENABLED)', 'CGO_ENABLED := 0\nbuild:\n\tenv CGO_ENABLED=$(CGO_ENABLED) go build .\n', ['0', 'off', []]],
    ['$$ escapes a shell expansion', 'build:\n\tCGO_ENABLED=$${CGO:-0} go build .\n', ['0', 'off', []]],
    ['undefined $(CGO_ENABLED) may come from the environment: unknown', 'build:\n\tCGO_ENABLED=$(CGO_ENABLED) go build .\n', [undefined, 'unknown', []]],
    // Shells: each recipe line is a new one, unless .ONESHELL.
    ['export on one recipe line, go on the next', 'build:\n\texport CGO_ENABLED=0\n\tgo build .\n', [undefined, 'unknown', ['earlier-run@1']]],
    ['assignment on one recipe line, go on the next', 'build:\n\tCGO_ENABLED=0\n\tgo build .\n', [undefined, 'unknown', ['earlier-run@1']]],
    ['.ONESHELL keeps the export', '.ONESHELL:\nbuild:\n\texport CGO_ENABLED=0\n\tgo build .\n', ['0', 'off', []]],
    ['export && go on one line', 'build:\n\texport CGO_ENABLED=0 && go build .\n', ['0', 'off', []]],
    ['shell variable with && in a recipe', 'build:\n\tCGO_ENABLED=0 && go build .\n', [undefined, 'unknown', ['shell-variable@1']]],
    // Conditionals: every branch is possible.
    ['ifeq branches agree', 'ifeq ($(X),1)\nexport CGO_ENABLED = 0\nelse\nexport CGO_ENABLED = 0\nendif\n' + BUILD, ['0', 'off', []]],
    ['ifeq branches differ: unknown', 'ifeq ($(X),1)\nexport CGO_ENABLED = 1\nelse\nexport CGO_ENABLED = 0\nendif\n' + BUILD, [undefined, 'unknown', []]],
    ['ifdef without else: maybe unset', 'ifdef STATIC\nexport CGO_ENABLED = 0\nendif\n' + BUILD, [undefined, 'unknown', []]],
    ['else ifeq chain', 'ifeq ($(A),1)\nexport CGO_ENABLED = 1\nelse ifeq ($(A),2)\nexport CGO_ENABLED = 1\nelse\nexport CGO_ENABLED = 1\nendif\n' + BUILD, ['1', 'on', []]],
    ['ifndef, unexported in one branch', 'ifndef X\nCGO_ENABLED := 0\nendif\n' + BUILD, [undefined, 'unknown', ['make-unexported@1']]],
    ['nested conditionals', 'ifdef A\nifdef B\nexport CGO_ENABLED = 0\nendif\nendif\n' + BUILD, [undefined, 'unknown', []]],
  ])('%s', (_name, text, expected) => {
    const p = plan(text);
    expect(p.invocations.length).toBeGreaterThan(0);
    expect(seen(p.invocations[0])).toEqual(expected);
  });

  it('reads the value through line continuations and cuts comments (trailing blanks are dropped: an approximation)', () => {
    const p = plan('export CGO_ENABLED = \\\n    0 # static binaries\n' + BUILD);
    expect(seen(p.invocations[0])).toEqual(['0', 'off', []]);
  });

  it('a comment line inside a continuation continues the comment, as in make', () => {
    const p = plan('export CGO_ENABLED = 0 # one \\\n  two\n' + BUILD);
    expect(p.invocations[0].env.CGO_ENABLED.value).toBe('0');
  });

  it('`\\#` is a literal # in a value', () => {
    const p = plan('export GOFLAGS = -tags=a\\#b\n' + BUILD);
    expect(p.invocations[0].env.GOFLAGS.value).toBe('-tags=a#b');
  });

  it('describes where an exported value came from', () => {
    const p = plan('export CGO_ENABLED := 0\n' + BUILD);
    const v = p.invocations[0].env.CGO_ENABLED;
    expect(v.origin).toBe('make-export');
    expect(v.describe).toBe('`Makefile` line 1 (exported)');
    expect(v.loc?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 23 } });
    expect(v.valueLoc?.range).toEqual({ start: { line: 0, character: 22 }, end: { line: 0, character: 23 } });
  });

  it('the make-unexported assignment: its range, value and where `export ` goes', () => {
    const text = 'override CGO_ENABLED := 0\n' + BUILD;
    const [a] = plan(text).invocations[0].ineffective;
    expect(textAt(text, a.loc.range)).toBe('override CGO_ENABLED := 0');
    expect(textAt(text, a.valueLoc!.range)).toBe('0');
    expect(a.fixHint?.insertPrefixAt?.range.start).toEqual({ line: 0, character: 0 });
    const tv = 'build: CGO_ENABLED := 0\n' + BUILD;
    const [b] = plan(tv).invocations[0].ineffective;
    expect(textAt(tv, b.loc.range)).toBe('CGO_ENABLED := 0');
    expect(b.fixHint?.insertPrefixAt?.range.start).toEqual({ line: 0, character: 7 });
  });
});

describe('Makefile reader: recipes, expansion and exact ranges', () => {
  it('`$(GO) build` with `GO ?= go`: the go command covers the reference', () => {
    const text = 'GO ?= go\nexport CGO_ENABLED := 0\nbuild:\n\t@$(GO) build -o bin/app .\n';
    const inv = plan(text).invocations[0];
    expect(textAt(text, inv.commandLoc.range)).toBe('$(GO) build');
    expect(textAt(text, inv.prefixInsertAt.range)).toBe('');
    expect(inv.prefixInsertAt.range.start).toEqual({ line: 3, character: 2 });
    expect(inv.output?.value).toBe('bin/app');
    expect(textAt(text, inv.output!.loc.range)).toBe('bin/app');
  });

  it('`${GO}` and a nested reference `$($(TOOL))`', () => {
    const text = 'TOOL = GOCMD\nGOCMD = go\nbuild:\n\t${GO} build .\n\t$($(TOOL)) test -race ./...\nGO = go\n';
    const [a, b] = plan(text).invocations;
    expect(textAt(text, a.commandLoc.range)).toBe('${GO} build');
    expect(textAt(text, b.commandLoc.range)).toBe('$($(TOOL)) test');
  });

  it('exact range of the go command and flags in a plain recipe line', () => {
    const text = 'export CGO_ENABLED=0\ntest:\n\t-go test -race ./...\n';
    const inv = plan(text).invocations[0];
    expect(inv.commandLoc.range).toEqual({ start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
    expect(textAt(text, inv.sanitizers[0].loc.range)).toBe('-race');
  });

  it('a flag that comes from a variable is anchored on the reference', () => {
    const text = 'FLAGS := -race -v\nexport CGO_ENABLED=0\ntest:\n\tgo test $(FLAGS) ./...\n';
    const inv = plan(text).invocations[0];
    expect(textAt(text, inv.sanitizers[0].loc.range)).toBe('$(FLAGS)');
  });

  it('recipe continuation lines: the go command keeps its line', () => {
    const text = 'build:\n\tCGO_ENABLED=0 \\\n\t  go build \\\n\t  -o bin/app .\n';
    const inv = plan(text).invocations[0];
    expect(seen(inv)).toEqual(['0', 'off', []]);
    expect(inv.commandLoc.range).toEqual({ start: { line: 2, character: 3 }, end: { line: 2, character: 11 } });
    expect(textAt(text, inv.output!.loc.range)).toBe('bin/app');
  });

  it('inline recipe after `;`', () => {
    const text = 'export CGO_ENABLED=0\nbuild: ; go build -o bin/app . # comment for the shell\n';
    const inv = plan(text).invocations[0];
    expect(textAt(text, inv.commandLoc.range)).toBe('go build');
    expect(inv.output?.value).toBe('bin/app');
  });

  it('automatic variables: $@, $<, $(@D), $(@F)', () => {
    const text = 'bin/app: main.go\n\tCGO_ENABLED=0 go build -o $@ $<\nout/x/y: ; go build -o $(@D)/$(@F).bin .\n';
    const [a, b] = plan(text).invocations;
    expect(a.output?.value).toBe('bin/app');
    expect(a.packages.map((p) => p.value)).toEqual(['main.go']);
    expect(b.output?.value).toBe('out/x/y.bin');
  });

  it('text functions are expanded; $(shell …) stays unknown', () => {
    const text = lines(
      'NAME := $(notdir $(patsubst %/,%,cmd/server/))',
      'VERSION := $(shell git describe --tags)',
      'SRCS := a.go b.go',
      'build:',
      '\tgo build -o bin/$(NAME) $(SRCS:.go=.go) .',
      '\tgo build -o bin/$(VERSION) .',
      '\tgo build -o $(if $(STATIC),static,bin/$(strip  $(NAME) )) .',
    );
    const [a, b, c] = plan(text).invocations;
    expect(a.output?.value).toBe('bin/server');
    expect(b.output?.value).toBeUndefined();
    expect(c.output?.value).toBe('bin/server');
  });

  it('a go command whose name is unknown is not a go command', () => {
    expect(plan('GO := $(shell which go)\nbuild:\n\t$(GO) build .\n').invocations).toEqual([]);
  });

  it('.RECIPEPREFIX changes the recipe prefix', () => {
    const text = '.RECIPEPREFIX = >\nexport CGO_ENABLED=0\nbuild:\n> go build .\n';
    const inv = plan(text).invocations[0];
    expect(textAt(text, inv.commandLoc.range)).toBe('go build');
  });

  it('define … endef bodies are skipped; an optional missing include and vpath change nothing', () => {
    const text = lines('define BUILD_CMD', '\tgo build -race .', 'endef', 'export define OTHER', 'x', 'endef', '-include local.mk', 'vpath %.go src', 'export CGO_ENABLED=0', 'build:', '\tgo build .');
    const p = plan(text);
    expect(p.invocations.map((i) => i.commandLoc.range.start.line)).toEqual([10]);
    expect(p.invocations[0].env.CGO_ENABLED.value).toBe('0');
  });

  it('include: variables and exports of an included makefile count (its rules are not run)', () => {
    const common = lines('export CGO_ENABLED', 'GOFLAGS := -trimpath', 'lint:', '\tgo vet ./...');
    const p = plan(lines('MK := build', 'include $(MK)/common.mk', 'CGO_ENABLED := 0', 'build:', '\tgo build .'), { [`${ROOT}build/common.mk`]: common });
    expect(p.invocations.map((i) => [i.env.CGO_ENABLED?.value, i.ineffective.length])).toEqual([['0', 0]]);
    expect(p.dependencies).toEqual([`${ROOT}build/common.mk`]);
  });

  it('include of a makefile that cannot be read: "not exported" is not certain, so not reported', () => {
    expect(seen(plan(lines('include missing.mk', 'CGO_ENABLED := 0', 'build:', '\tgo build .')).invocations[0])).toEqual([undefined, 'unknown', []]);
    // -include: optional, make goes on without it.
    expect(seen(plan(lines('-include .env', 'CGO_ENABLED := 0', 'build:', '\tgo build .')).invocations[0])).toEqual([undefined, 'unknown', ['make-unexported@1']]);
  });

  it('conditionals inside a recipe keep both recipe lines', () => {
    const text = lines('export CGO_ENABLED=0', 'build:', 'ifeq ($(RACE),1)', '\tgo build -race .', 'else', '\tgo build .', 'endif');
    expect(plan(text).invocations.map((i) => i.sanitizers.length)).toEqual([1, 0]);
  });

  it('blank and comment lines do not end a recipe', () => {
    const text = lines('build:', '\tgo mod download', '', '# the build', '\tgo build -o bin/app .');
    expect(plan(text).invocations.map((i) => i.output?.value)).toEqual(['bin/app']);
  });

  it('a tab line outside a rule is not a recipe', () => {
    expect(plan('\tgo build .\nexport CGO_ENABLED=0\n').invocations).toEqual([]);
  });

  it('every target runs once, pattern rules included; special targets never', () => {
    const text = lines('.PHONY: build test', 'build:', '\tgo build -o bin/app .', 'test:', '\tgo test ./...', 'bin/%:', '\tgo build -o $@ ./cmd/$*', '.ONESHELL:');
    const p = plan(text);
    expect(p.invocations.map((i) => [i.subcommand, i.commandLoc.range.start.line])).toEqual([['build', 2], ['test', 4], ['build', 6]]);
    expect(p.invocations[2].output?.value).toBeUndefined();
  });

  it('recursive make: `$(MAKE) target VAR=value` runs that target with the value (and the target also on its own)', () => {
    const text = lines('release:', '\t$(MAKE) build CGO_ENABLED=0', 'build:', '\tgo build -o bin/app .');
    const p = plan(text);
    const states = p.invocations.map((i) => [i.env.CGO_ENABLED?.value, i.cgo.state, i.env.CGO_ENABLED?.describe]);
    expect(states).toEqual([['0', 'off', '`CGO_ENABLED=0` on the make command line (line 2)'], [undefined, 'unknown', undefined]]);
    expect(textAt(text, p.invocations[0].env.CGO_ENABLED.valueLoc!.range)).toBe('0');
  });

  it('recursive make: a sub-make receives exported variables as its environment', () => {
    const text = lines('export CGO_ENABLED := 0', 'all:', '\t$(MAKE) -f Makefile build', 'build:', '\tgo build .');
    expect(plan(text).invocations.map((i) => i.env.CGO_ENABLED?.value)).toEqual(['0']);
  });

  it('recursive make -C dir: the other Makefile runs in its directory; listed as a dependency', () => {
    const sub = lines('build:', '\tgo build -o bin/tool .');
    const p = plan(lines('export CGO_ENABLED=1', 'tools:', '\t$(MAKE) -C tools build'), { [`${ROOT}tools/Makefile`]: sub });
    expect(p.invocations.map((i) => [i.commandLoc.uri, i.env.CGO_ENABLED?.value])).toEqual([[`${ROOT}tools/Makefile`, '1']]);
    expect(p.dependencies).toEqual([`${ROOT}tools/Makefile`]);
  });

  it('make -n / -q / -t run nothing', () => {
    expect(plan(lines('all:', '\t$(MAKE) -n build', 'build:', '\tgo build .')).invocations).toHaveLength(1);
  });

  it('recursion is bounded: a target that makes itself', () => {
    const p = plan(lines('loop:', '\t$(MAKE) loop', '\tgo build .', 'a: b', '\tgo build ./a', 'b: a', '\tgo build ./b'));
    expect(p.invocations.length).toBeGreaterThan(0);
    expect(p.invocations.length).toBeLessThan(10);
  });

  it('records CGO_ENABLED assignments as occurrences (for hovers and CGO205)', () => {
    const text = lines('CGO_ENABLED ?= 0', 'test: export CGO_ENABLED := 1', 'build:', '\tCGO_ENABLED=0 go build .');
    expect(plan(text).occurrences.map((o) => [o.name, o.value, textAt(text, o.valueLoc!.range)])).toEqual([
      ['CGO_ENABLED', '0', '0'], ['CGO_ENABLED', '1', '1'], ['CGO_ENABLED', '0', '0'],
    ]);
  });

  it('the machine running make is unknown: host-dependent facts stay unknown', () => {
    const inv = plan('build:\n\tgo build .\n').invocations[0];
    expect([inv.host.label, inv.host.libc, inv.host.cCompiler, inv.cgo.state, inv.linkage.kind]).toEqual(['the machine running make', 'unknown', 'unknown', 'unknown', 'unknown']);
    expect(inv.instructionLoc).toBeUndefined();
  });

  it('GOOS/GOARCH on an unknown machine: whether it crosses is unknown', () => {
    const inv = plan('build:\n\tGOOS=linux GOARCH=arm64 go build .\n').invocations[0];
    expect([inv.target.cross, inv.cgo.state]).toEqual(['unknown', 'unknown']);
  });

  it('never hangs on malformed input', () => {
    const junk = ['$(', 'a: $(', 'ifeq (', 'endif\nendif\nelse', 'define X', '\t\t\\', 'x := $(shell', '$(eval $(call X))', ':', '=', 'a b c', 'export', ':::='];
    for (const j of junk) expect(() => plan(`${j}\nbuild:\n\t${j}\n`)).not.toThrow();
  });
});

describe('Makefile syntax', () => {
  it('recognises each statement kind', () => {
    const text = lines(
      'A = 1', 'B := 2', 'C ::= 3', 'D :::= 4', 'E ?= 5', 'F += 6', 'G != echo 7', 'export H = 8', 'unexport I', 'export', 'override J := 9',
      'K: L = 10', '%.o: export M := 11', 'ifeq ($(A),1)', 'else', 'endif', 'define N', 'body = x', 'endef', 'undefine O', 'x y: p q | r ; recipe', '\trecipe2',
    );
    const kinds = parseMakefile(text).stmts.map((s) => (s.kind === 'assign' ? `${s.a.name.s}${s.a.op}${s.a.value.s}` : s.kind === 'targetVar' ? `${s.targets.s}:${s.a.name.s}${s.a.op}` : s.kind === 'rule' ? `rule(${s.rule.targets.s}|${s.rule.prereqs.s}|${s.rule.recipe.length})` : s.kind));
    expect(kinds).toEqual([
      'A=1', 'B:=2', 'C::=3', 'D:::=4', 'E?=5', 'F+=6', 'G!=echo 7', 'H=8', 'export', 'export', 'J:=9',
      'K:L=', '%.o:M:=', 'if', 'else', 'endif', 'define', 'undefine', 'rule(x y|p q | r|2)',
    ]);
  });

  it('`$(VAR:.c=.o)` in a line is not a rule colon', () => {
    const s = parseMakefile('OBJS := $(SRCS:.c=.o)\n').stmts[0];
    expect(s.kind).toBe('assign');
  });

  it('static pattern rules', () => {
    const p = plan(lines('export CGO_ENABLED=0', 'BINS := bin/a bin/b', '$(BINS): bin/%: cmd/%', '\tgo build -o $@ ./$<'));
    expect(p.invocations.map((i) => [i.output?.value, i.packages[0]?.value])).toEqual([['bin/a', './cmd/a'], ['bin/b', './cmd/b']]);
  });
});

describe('rules on a Makefile', () => {
  const files = (text: string) => ({ [MAKEFILE]: text });

  it('CGO204: unexported `CGO_ENABLED := 0` (the acceptance case), fixed by exporting it', async () => {
    const text = lines('CGO_ENABLED := 0', '', 'build:', '\tgo build -o bin/app .');
    const [f] = only(await findings(MAKEFILE, files(text)), 'CGO204');
    expect(f.loc).toEqual({ uri: MAKEFILE, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 16 } } });
    expect(f.severity).toBe('error');
    expect(f.message).toContain('has no effect on the build on line 4: make puts a variable into a recipe\'s environment only when it is exported (`export CGO_ENABLED`)');
    expect(f.related[0].loc.range.start).toEqual({ line: 3, character: 1 });
    const fixed = await fixClears(MAKEFILE, files(text), 'CGO204', 'Export it');
    expect(fixed.split('\n')[0]).toBe('export CGO_ENABLED := 0');
  });

  it('CGO204: target-specific, fixed after the colon', async () => {
    const fixed = await fixClears(MAKEFILE, files(lines('build: CGO_ENABLED = 0', 'build:', '\tgo build .')), 'CGO204', 'Export it');
    expect(fixed.split('\n')[0]).toBe('build: export CGO_ENABLED = 0');
  });

  it('CGO204: export on an earlier recipe line, fixed on the go command', async () => {
    const fixed = await fixClears(MAKEFILE, files(lines('build:', '\texport CGO_ENABLED=0', '\t$(GO) build .', 'GO = go')), 'CGO204', 'on the go command');
    expect(fixed.split('\n')[2]).toBe('\tCGO_ENABLED=0 $(GO) build .');
  });

  it('CGO204: `CGO_ENABLED=0 &&` in a recipe', async () => {
    const text = lines('build:', '\tCGO_ENABLED=0 && go build .');
    const [f] = only(await findings(MAKEFILE, files(text)), 'CGO204');
    expect(textAt(text, f.loc.range)).toBe('CGO_ENABLED=0');
    await fixClears(MAKEFILE, files(text), 'CGO204', 'Export it');
  });

  it('CGO204 is silent when exported, referenced or given on the command line', async () => {
    for (const text of [
      lines('export CGO_ENABLED := 0', 'build:', '\tgo build .'),
      lines('CGO_ENABLED := 0', 'build:', '\tCGO_ENABLED=$(CGO_ENABLED) go build .'),
      lines('CGO_ENABLED := 0', '.EXPORT_ALL_VARIABLES:', 'build:', '\tgo build .'),
    ]) expect(only(await findings(MAKEFILE, files(text)), 'CGO204')).toEqual([]);
  });

  it('CGO205: an invalid value in an assignment', async () => {
    const text = lines('export CGO_ENABLED ?= false', 'build:', '\tgo build .');
    const [f] = only(await findings(MAKEFILE, files(text)), 'CGO205');
    expect(textAt(text, f.loc.range)).toBe('false');
    await fixClears(MAKEFILE, files(text), 'CGO205', 'CGO_ENABLED=0');
  });

  it('CGO207: `export CGO_ENABLED=0` shared with a `go test -race` target', async () => {
    const text = lines('export CGO_ENABLED=0', 'build:', '\tgo build -o bin/app .', 'test:', '\tgo test -race ./...');
    const [f] = only(await findings(MAKEFILE, files(text)), 'CGO207');
    expect(f.loc.range).toEqual({ start: { line: 4, character: 9 }, end: { line: 4, character: 14 } });
    expect(f.message).toContain('CGO_ENABLED=0 set by `Makefile` line 1 (exported)');
    const fixed = await fixClears(MAKEFILE, files(text), 'CGO207', 'Enable cgo');
    expect(fixed.split('\n')[4]).toBe('\tCGO_ENABLED=1 go test -race ./...');
  });

  it('CGO208: -buildmode=plugin with cgo off', async () => {
    const text = lines('export CGO_ENABLED=0', 'plugin:', '\tgo build -buildmode=plugin -o p.so ./plugin');
    expect(only(await findings(MAKEFILE, files(text)), 'CGO208').map((f) => textAt(text, f.loc.range))).toEqual(['-buildmode=plugin']);
  });

  it('CGO501, CGO503, CGO504 in recipes; CGO502 needs a known glibc host (quiet here)', async () => {
    const text = lines(
      'export CGO_ENABLED=1',
      "LDFLAGS := -s -w -extldflags '-static'",
      'a:',
      '\tgo build -ldflags "$(LDFLAGS)" -o bin/a .',
      'b:',
      '\tgo build -tags netgo -o bin/b .',
      'c:',
      '\tgo build -a -installsuffix cgo -o bin/c .',
      'd:',
      '\tgo build -tags osusergo -ldflags \'-linkmode external -extldflags "-static"\' -o bin/d .',
    );
    const fs = await findings(MAKEFILE, files(text));
    expect(only(fs, 'CGO501').map((f) => textAt(text, f.loc.range))).toEqual(['"$(LDFLAGS)"']);
    expect(only(fs, 'CGO503').map((f) => f.loc.range.start.line)).toEqual([5, 9]);
    expect(only(fs, 'CGO504').map((f) => [f.severity, textAt(text, f.loc.range)])).toEqual([['hint', '-installsuffix cgo']]);
    expect(only(fs, 'CGO502')).toEqual([]);
  });

  it('host-dependent rules stay quiet; CGO202 says the environment decides', async () => {
    const text = lines('build:', '\tgo build -o bin/app .', 'cross:', '\tCGO_ENABLED=1 GOARCH=arm64 go build .');
    const fs = await findings(MAKEFILE, files(text));
    expect(fs.filter((f) => ['CGO101', 'CGO102', 'CGO103', 'CGO201', 'CGO203'].includes(f.code))).toEqual([]);
    expect(only(fs, 'CGO202').map((f) => [f.severity, f.loc.range.start.line])).toEqual([['information', 1]]);
  });
});

describe('nested define blocks', () => {
  it('`export define`, `override define` … open a nested block; a word merely containing define does not', () => {
    const text = lines('define OUTER', 'export   override define INNER', 'x', 'endef', 'private notdefine', 'endef', 'build:', '\tgo build .');
    expect(parseMakefile(text).stmts.map((s) => s.kind)).toEqual(['define', 'rule']);
  });

  it('a long run of blanks in a define body costs linear time (was ~0.5 s for 20,000, ~12 s for 100 KB)', () => {
    const c0 = process.cpuUsage();
    parseMakefile(lines('define A', 'export' + ' '.repeat(100_000) + 'x', 'endef'));
    const c = process.cpuUsage(c0);
    expect((c.user + c.system) / 1000).toBeLessThan(100);
  });
});
