import { describe, expect, it } from 'vitest';
import { ROOT, TASKFILE, findings, fixClears, textAt, y } from '../readers/yamlHelpers';

// The same rules on Taskfile.yml (cgo-facts A10 Taskfile precedence, A11, A18).

const tf = (...l: string[]) => y("version: '3'", ...l);

describe('Taskfile: CGO204 for env: that the OS environment may override', () => {
  const ACCEPTANCE = tf('tasks:', '  build:', '    env: {CGO_ENABLED: 0}', '    cmds:', '      - go build -o bin/app ./cmd/app', '      - go build -o bin/tool ./cmd/tool');

  it('acceptance: task env: {CGO_ENABLED: 0} → CGO204 as a warning, on the env entry', async () => {
    const found = await findings(TASKFILE, ACCEPTANCE, {}, 'CGO204');
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f.severity).toBe('warning');
    expect(textAt(ACCEPTANCE, f.loc)).toBe('CGO_ENABLED: 0');
    expect(f.message).toContain('TASK_X_ENV_PRECEDENCE=1');
    expect(f.message).toContain('That build runs with cgo off');
  });

  it('the fix puts CGO_ENABLED=0 inline on every go command of the task, and the warning is gone', async () => {
    const fixed = await fixClears(TASKFILE, ACCEPTANCE, 'CGO204', 'Put it inline');
    expect(fixed).toBe(ACCEPTANCE.replace('- go build -o bin/app', '- CGO_ENABLED=0 go build -o bin/app').replace('- go build -o bin/tool', '- CGO_ENABLED=0 go build -o bin/tool'));
  });

  it('global env: too', async () => {
    const text = tf('env:', '  CGO_ENABLED: 1', 'tasks:', '  build:', '    cmds: [go build .]');
    const [f] = await findings(TASKFILE, text, {}, 'CGO204');
    expect([f.severity, textAt(text, f.loc)]).toEqual(['warning', 'CGO_ENABLED: 1']);
  });

  it.each<[string, string, Record<string, string>]>([
    ['inline prefix', tf('tasks:', '  build:', '    cmds: [CGO_ENABLED=0 go build .]'), {}],
    ['experiment on in .taskrc.yml', tf('tasks:', '  build:', '    env: {CGO_ENABLED: 0}', '    cmds: [go build .]'), { [`${ROOT}.taskrc.yml`]: 'experiments:\n  ENV_PRECEDENCE: 1\n' }],
  ])('silent: %s', async (_d, text, files) => {
    expect(await findings(TASKFILE, text, files, 'CGO204')).toEqual([]);
  });

  it('export in one cmd, go in the next → CGO204 error (each cmd is a new shell); the prefix fix clears it', async () => {
    const text = tf('tasks:', '  build:', '    cmds:', '      - export CGO_ENABLED=0', '      - go build .');
    const [f] = await findings(TASKFILE, text, {}, 'CGO204');
    expect([f.severity, textAt(text, f.loc)]).toEqual(['error', 'CGO_ENABLED=0']);
    expect(await fixClears(TASKFILE, text, 'CGO204', 'on the go command')).toContain('- CGO_ENABLED=0 go build .');
  });
});

describe('Taskfile: CGO205 and CGO207', () => {
  it('CGO_ENABLED: false → CGO205 on the YAML boolean; fix writes 0', async () => {
    const text = tf('env:', '  CGO_ENABLED: false', 'tasks:', '  build:', '    cmds: [go build .]');
    const [f] = await findings(TASKFILE, text, {}, 'CGO205');
    expect([f.severity, textAt(text, f.loc)]).toEqual(['error', 'false']);
    expect(await fixClears(TASKFILE, text, 'CGO205', 'CGO_ENABLED=0')).toContain('CGO_ENABLED: 0');
  });

  it('env CGO_ENABLED 0 and go test -race → CGO207; enabling cgo on the command clears it', async () => {
    const text = tf('env: {CGO_ENABLED: 0}', 'tasks:', '  test:', '    cmds: [go test -race ./...]');
    const [f] = await findings(TASKFILE, text, {}, 'CGO207');
    expect(textAt(text, f.loc)).toBe('-race');
    expect(await fixClears(TASKFILE, text, 'CGO207', 'CGO_ENABLED=1')).toContain('[CGO_ENABLED=1 go test -race ./...]');
  });
});
