import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TASKFILE, brief, plan, ready, textAt, y } from './yamlHelpers';
import { parseDotenv } from '../../../server/src/readers/taskfile/dotenv';

beforeAll(ready);

const tf = (...l: string[]) => y("version: '3'", ...l);
const cgo = (text: string, files: Record<string, string> = {}) => plan(TASKFILE, text, files).invocations.map((i) => `${i.env.CGO_ENABLED?.value ?? '-'}:${i.cgo.state}`);

describe('Taskfile reader: what CGO_ENABLED reaches each go command', () => {
  it.each<[string, string, string[]]>([
    ['task env', tf('tasks:', '  build:', '    env: {CGO_ENABLED: 0}', '    cmds: [go build .]'), ['0:off']],
    ['global env', tf('env:', '  CGO_ENABLED: 0', 'tasks:', '  build:', '    cmds: [go build .]'), ['0:off']],
    ['task env wins over global env', tf('env: {CGO_ENABLED: 1}', 'tasks:', '  build:', '    env: {CGO_ENABLED: 0}', '    cmds: [go build .]'), ['0:off']],
    ['inline prefix wins over env', tf('env: {CGO_ENABLED: 0}', 'tasks:', '  build:', '    cmds: [CGO_ENABLED=1 go build .]'), ['1:on']],
    ['vars in templates', tf('vars: {CGO: "0"}', 'tasks:', '  build:', "    env: {CGO_ENABLED: '{{.CGO}}'}", '    cmds: [go build .]'), ['0:off']],
    ['task vars win over global vars', tf('vars: {CGO: "1"}', 'tasks:', '  build:', '    vars: {CGO: "0"}', '    cmds: ["CGO_ENABLED={{.CGO}} go build ."]'), ['0:off']],
    ['a dynamic var (sh:) is unknown', tf('vars:', '  CGO: {sh: echo 0}', 'tasks:', '  build:', "    cmds: ['CGO_ENABLED={{.CGO}} go build .']"), ['-:unknown']],
    ['`cmd:` entries', tf('tasks:', '  build:', '    env: {CGO_ENABLED: 0}', '    cmds:', '      - cmd: go build .'), ['0:off']],
    ['short form: a string', tf('env: {CGO_ENABLED: 0}', 'tasks:', '  build: go build .'), ['0:off']],
    ['short form: a list', tf('env: {CGO_ENABLED: 0}', 'tasks:', '  build: [go vet ./..., go build .]'), ['0:off']],
    ['`task:` calls and `defer:` are not commands', tf('tasks:', '  build:', '    cmds:', '      - task: generate', '      - defer: rm -rf tmp'), []],
    ['export in one cmd does not reach the next', tf('tasks:', '  build:', '    cmds:', '      - export CGO_ENABLED=0', '      - go build .'), ['-:unknown']],
    ['export and go in one multi-line cmd', tf('tasks:', '  build:', '    cmds:', '      - |', '        export CGO_ENABLED=0', '        go build .'), ['0:off']],
    ['YAML boolean reaches Task as "false" (invalid: unset)', tf('env: {CGO_ENABLED: false}', 'tasks:', '  build:', '    cmds: [go build .]'), ['false:unknown']],
  ])('%s', (_d, text, expected) => {
    expect(cgo(text)).toEqual(expected);
  });

  it('dotenv files are read from the workspace and count below env:', () => {
    const files = { [`${ROOT}.env`]: 'CGO_ENABLED=0\nGOARCH=arm64\n' };
    const text = tf('dotenv: [.env]', 'tasks:', '  build:', '    cmds: [go build .]', '  cgo:', '    env: {CGO_ENABLED: 1}', '    cmds: [go build .]');
    const p = plan(TASKFILE, text, files);
    expect(p.invocations.map(brief)).toEqual(['-/arm64 CGO=0 off cross=yes static', '-/arm64 CGO=1 on cross=yes unknown']);
    expect(textAt(text, p.invocations[0].env.CGO_ENABLED!.loc!)).toBe('.env');
    expect(p.invocations[0].env.CGO_ENABLED!.valueLoc).toBeUndefined();
    expect(p.dependencies).toContain(`${ROOT}.env`);
  });
});

describe('Taskfile reader: OS environment precedence', () => {
  const text = tf('tasks:', '  build:', '    env:', '      CGO_ENABLED: 0', '    cmds:', '      - go build -o bin/app .', '      - go test ./...');

  it('env: CGO_ENABLED stays the effective value and is ALSO recorded as possibly overridden', () => {
    const p = plan(TASKFILE, text);
    expect(p.invocations.map((i) => i.cgo.state)).toEqual(['off', 'off']);
    const [a] = p.invocations[0].ineffective;
    expect([a.kind, a.value, textAt(text, a.loc)]).toEqual(['taskfile-precedence', '0', 'CGO_ENABLED: 0']);
    // One fix prefixes both go commands.
    expect(a.fixHint?.insertPrefixAtEach?.map((l) => textAt(text, { ...l, range: { start: l.range.start, end: { ...l.range.start, character: l.range.start.character + 2 } } }))).toEqual(['go', 'go']);
  });

  it('an inline prefix is not subject to it', () => {
    const p = plan(TASKFILE, tf('tasks:', '  build:', '    cmds: [CGO_ENABLED=0 go build .]'));
    expect(p.invocations[0].ineffective).toEqual([]);
  });

  it.each<[string, Record<string, string>]>([
    ['.taskrc.yml experiments: ENV_PRECEDENCE: 1', { [`${ROOT}.taskrc.yml`]: 'experiments:\n  ENV_PRECEDENCE: 1\n' }],
    ['.env TASK_X_ENV_PRECEDENCE=1', { [`${ROOT}.env`]: 'TASK_X_ENV_PRECEDENCE=1\n' }],
  ])('off with the experiment on: %s', (_d, files) => {
    expect(plan(TASKFILE, text, files).invocations[0].ineffective).toEqual([]);
  });
});

describe('Taskfile reader: ranges and robustness', () => {
  it('multi-line block commands keep exact document ranges', () => {
    const text = tf('tasks:', '  build:', '    cmds:', '      - |', '        set -e', '        GOARCH=arm64 \\', '          go build -race -o bin/app .');
    const [inv] = plan(TASKFILE, text).invocations;
    expect(textAt(text, inv.commandLoc)).toBe('go build');
    expect(inv.commandLoc.range.start).toEqual({ line: 7, character: 10 });
    expect(textAt(text, inv.sanitizers[0].loc)).toBe('-race');
    expect(textAt(text, inv.env.GOARCH!.loc!)).toBe('GOARCH=arm64');
  });

  it('templates in commands: known values are used, unknown ones make words unknown', () => {
    const text = tf('vars: {OUT: bin/app}', 'tasks:', '  build:', "    cmds: ['go build -o {{.OUT}} {{.CLI_ARGS}}']");
    const [inv] = plan(TASKFILE, text).invocations;
    expect(inv.output?.value).toBe('bin/app');
    expect(inv.packages.map((p) => p.value)).toEqual([undefined]);
  });

  it('occurrences of YAML booleans and numbers carry the tool value and the scalar range', () => {
    const text = tf('env:', '  CGO_ENABLED: false', 'tasks:', '  a:', '    env: {CGO_ENABLED: 0}', '    cmds: [go build .]');
    const p = plan(TASKFILE, text);
    expect(p.occurrences.map((o) => [o.value, textAt(text, o.valueLoc!)])).toEqual([['false', 'false'], ['0', '0']]);
  });

  it('broken YAML never throws and leaves a note', () => {
    const p = plan(TASKFILE, tf('tasks:', '  build:', '    cmds: [go build .', '  other: {'));
    expect(p.notes.length).toBeGreaterThan(0);
    for (const t of ['', 'tasks: 1', 'tasks: [a, b]', 'tasks:\n  a: {cmds: {x: 1}}', ': : :']) expect(() => plan(TASKFILE, t)).not.toThrow();
  });
});

describe('dotenv lines without super-linear regular expressions', () => {
  it('NAME=value, NAME: value and export NAME=value; `export` alone is a name', () => {
    const env = parseDotenv(['A=1', 'B : 2 ', 'export C=3', 'export=4', 'export  =5', 'x.y_z=6', '1X=7', 'D', "E='8' # c", 'F="9\\n"'].join('\n'));
    expect([...env]).toEqual([['A', '1'], ['B', '2'], ['C', '3'], ['export', '5'], ['x.y_z', '6'], ['E', '8'], ['F', '9\n']]);
  });

  it('a long run of blanks costs linear time', () => {
    const c0 = process.cpuUsage();
    parseDotenv('export' + ' '.repeat(100_000) + '-x\n' + 'A' + ' '.repeat(100_000) + 'x\n');
    const c = process.cpuUsage(c0);
    expect((c.user + c.system) / 1000).toBeLessThan(100);
  });
});
