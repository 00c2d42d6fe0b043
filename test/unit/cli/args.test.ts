import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../server/src/cli/args';
import { CliError } from '../../../server/src/cli/io';

function usage(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).hint).toBe(true);
    return (err as Error).message;
  }
  throw new Error(`expected a usage error for ${JSON.stringify(argv)}`);
}

describe('parseArgs', () => {
  it('defaults check to the current directory, text format, no threshold', () => {
    expect(parseArgs(['check'])).toEqual({ kind: 'check', paths: ['.'], format: 'text', config: undefined, failureThreshold: undefined, explain: false, noColor: false });
  });

  it('accepts options before, between and after paths, in both spellings', () => {
    expect(parseArgs(['check', 'a', '--format=json', 'b', '--config', 'c.yaml', '--failure-threshold', 'warning', '--explain', '--no-color'])).toEqual({
      kind: 'check',
      paths: ['a', 'b'],
      format: 'json',
      config: 'c.yaml',
      failureThreshold: 'warning',
      explain: true,
      noColor: true,
    });
  });

  it('treats everything after -- as paths', () => {
    expect(parseArgs(['check', '--', '--weird-dir'])).toMatchObject({ paths: ['--weird-dir'] });
  });

  it('lets the last repeated option win', () => {
    expect(parseArgs(['check', '--format', 'json', '--format', 'sarif'])).toMatchObject({ format: 'sarif' });
  });

  it('recognises help anywhere before --, and version first', () => {
    expect(parseArgs(['check', 'x', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['-h'])).toEqual({ kind: 'help' });
    expect(parseArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseArgs(['check', '--', '--help'])).toMatchObject({ kind: 'check', paths: ['--help'] });
  });

  it('parses rules and explain', () => {
    expect(parseArgs(['rules'])).toEqual({ kind: 'rules', noColor: false });
    expect(parseArgs(['explain', 'CGO101', '--no-color'])).toEqual({ kind: 'explain', id: 'CGO101', noColor: true });
  });

  it('rejects what it does not know with a usage error', () => {
    expect(usage([])).toBe('missing command (check, rules or explain)');
    expect(usage(['lint'])).toBe('unknown command "lint" (expected check, rules or explain)');
    expect(usage(['--format', 'json'])).toBe('unknown option "--format" before the command (check, rules or explain)');
    expect(usage(['check', '-x'])).toBe('unknown option "-x"');
    expect(usage(['check', '--format', 'xml'])).toBe('unknown format "xml" (expected text, json, sarif, github)');
    expect(usage(['check', '--format'])).toBe('--format needs a value');
    expect(usage(['check', '--explain=yes'])).toBe('--explain takes no value');
    expect(usage(['check', '--failure-threshold', 'info'])).toBe('unknown failure threshold "info" (expected error, warning, information, hint, none)');
    expect(usage(['check', '--config='])).toBe('--config needs a file name');
    expect(usage(['rules', '--format', 'json'])).toBe('unknown option "--format"');
    expect(usage(['explain'])).toBe('explain needs a rule id, e.g. cgo-lens explain CGO101');
    expect(usage(['explain', 'CGO101', 'CGO102'])).toBe('explain takes one rule id (got 2)');
    expect(usage(['--version', 'x'])).toBe('unexpected argument "x" after --version');
  });
});
