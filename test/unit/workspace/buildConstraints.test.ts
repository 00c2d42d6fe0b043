import { describe, expect, it } from 'vitest';
import { evalGoBuild, evalPlusBuild, fileNameTruth, mentionsNotCgo, type ConstraintContext } from '../../../server/src/workspace/index/buildConstraints';

const LINUX_AMD64_OFF: ConstraintContext = { cgo: 'no', goos: 'linux', goarch: 'amd64', tags: [] };

describe('build constraints', () => {
  it.each<[string, ConstraintContext, string]>([
    ['cgo', LINUX_AMD64_OFF, 'no'],
    ['!cgo', LINUX_AMD64_OFF, 'yes'],
    ['linux && cgo', { ...LINUX_AMD64_OFF, cgo: 'yes' }, 'yes'],
    ['linux && (amd64 || arm64)', LINUX_AMD64_OFF, 'yes'],
    ['darwin || windows', LINUX_AMD64_OFF, 'no'],
    ['unix', LINUX_AMD64_OFF, 'yes'],
    ['arm64', { cgo: 'no', goos: 'linux', tags: [] }, 'unknown'],
    ['!arm64 || linux', { cgo: 'no', goos: 'linux', tags: [] }, 'yes'],
    ['cgo', { cgo: 'unknown', goos: 'linux', tags: [] }, 'unknown'],
    ['sqlite_omit', { ...LINUX_AMD64_OFF, tags: ['sqlite_omit'] }, 'yes'],
    ['integration', LINUX_AMD64_OFF, 'no'],
    ['ignore', LINUX_AMD64_OFF, 'no'],
    ['go1.18', LINUX_AMD64_OFF, 'yes'],
    ['linux &&', LINUX_AMD64_OFF, 'unknown'],
  ])('//go:build %s', (expr, ctx, want) => {
    expect(evalGoBuild(expr, ctx)).toBe(want);
  });

  it('legacy +build: spaces OR, commas AND, lines AND', () => {
    expect(evalPlusBuild(['linux,cgo darwin'], { ...LINUX_AMD64_OFF, cgo: 'yes' })).toBe('yes');
    expect(evalPlusBuild(['linux,cgo', 'amd64'], LINUX_AMD64_OFF)).toBe('no');
    expect(evalPlusBuild(['!cgo'], LINUX_AMD64_OFF)).toBe('yes');
  });

  it.each<[string, string]>([
    ['main.go', 'yes'],
    ['x_linux.go', 'yes'],
    ['x_windows.go', 'no'],
    ['x_arm64.go', 'no'],
    ['x_linux_amd64.go', 'yes'],
    ['x_darwin_amd64_test.go', 'no'],
    ['_hidden.go', 'no'],
    ['my_server.go', 'yes'],
  ])('file name %s', (name, want) => {
    expect(fileNameTruth(name, LINUX_AMD64_OFF)).toBe(want);
  });

  it('fallback detection: //go:build !cgo', () => {
    expect(mentionsNotCgo('!cgo', [])).toBe(true);
    expect(mentionsNotCgo('linux && ! cgo', [])).toBe(true);
    expect(mentionsNotCgo('cgo', [])).toBe(false);
    expect(mentionsNotCgo(undefined, ['!cgo'])).toBe(true);
  });
});
