import { describe, expect, it } from 'vitest';
import { decideCgo } from '../../../server/src/model/cgo';
import { decideLinkage } from '../../../server/src/model/linkage';
import type { BuildHost, EnvValue, GoTarget } from '../../../server/src/model/types';

const env = (vars: Record<string, string | undefined>): Record<string, EnvValue> =>
  Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { name, value, origin: 'inline-prefix' as const, describe: 'a prefix' }]));
const host = (h: Partial<BuildHost>): BuildHost => ({ label: 'h', libc: 'glibc', libcVersion: '2.36', cCompiler: 'yes', libcHeaders: 'yes', goAtLeast120: true, ...h });
const native: GoTarget = { cross: 'no', viaXx: false };
const cross: GoTarget = { cross: 'yes', crossWhy: 'GOOS=windows', viaXx: false };
const maybe: GoTarget = { cross: 'unknown', crossWhy: 'GOARCH unknown', viaXx: false };
const perPlatform: GoTarget = { cross: 'unknown', platformDependent: true, crossWhy: 'GOARCH=$TARGETARCH', viaXx: false };

describe('effective CGO decision table (cgo-facts §0.1)', () => {
  it.each<[string, Record<string, string | undefined>, Partial<BuildHost>, GoTarget, string, boolean]>([
    ['explicit 1 wins', { CGO_ENABLED: '1' }, { cCompiler: 'no' }, cross, 'on', false],
    ['explicit 0 wins', { CGO_ENABLED: '0' }, {}, native, 'off', false],
    ['value known only at build time', { CGO_ENABLED: undefined }, {}, native, 'unknown', false],
    ['invalid "true" is unset → default on with gcc', { CGO_ENABLED: 'true' }, {}, native, 'on', true],
    ['invalid "false" is unset → default on with gcc', { CGO_ENABLED: 'false' }, {}, native, 'on', true],
    ['empty is unset', { CGO_ENABLED: '' }, { cCompiler: 'no' }, native, 'off', true],
    ['unset, cross build → off', {}, {}, cross, 'off', true],
    ['unset, cross unknown → unknown', {}, {}, maybe, 'unknown', true],
    ['unset, native on the build platform → on with gcc', {}, {}, perPlatform, 'on', true],
    ['unset, Go ≥ 1.20, gcc → on', {}, {}, native, 'on', true],
    ['unset, Go ≥ 1.20, no gcc → off', {}, { cCompiler: 'no' }, native, 'off', true],
    ['unset, Go ≥ 1.20, no gcc but CC set → on', { CC: 'clang' }, { cCompiler: 'no' }, native, 'on', true],
    ['unset, Go ≥ 1.20, compiler unknown → unknown', {}, { cCompiler: 'unknown' }, native, 'unknown', true],
    ['unset, Go < 1.20, no gcc → on', {}, { cCompiler: 'no', goAtLeast120: false }, native, 'on', true],
    ['unset, Go version unknown, no gcc → unknown', {}, { cCompiler: 'no', goAtLeast120: undefined }, native, 'unknown', true],
    ['unset, Go version unknown, gcc → on', {}, { goAtLeast120: undefined }, native, 'on', true],
  ])('%s', (_n, vars, h, target, state, implicit) => {
    const r = decideCgo(env(vars), host(h), target);
    expect(r.state).toBe(state);
    expect(r.implicit).toBe(implicit);
    expect(r.reasons.length).toBeGreaterThan(0);
  });

  it('names the invalid value in the reasons', () => {
    const r = decideCgo(env({ CGO_ENABLED: 'yes' }), host({}), native);
    expect(r.invalid?.value).toBe('yes');
    expect(r.reasons.map((x) => x.text)).toContain('CGO_ENABLED=yes (a prefix) is not 0 or 1, so the go command treats it as unset');
  });

  it('go env -w applies only when the process env has no value', () => {
    const w: EnvValue = { name: 'CGO_ENABLED', value: '0', origin: 'go-env-w', describe: 'go env -w' };
    expect(decideCgo({}, host({}), native, w).state).toBe('off');
    expect(decideCgo(env({ CGO_ENABLED: '1' }), host({}), native, w).state).toBe('on');
  });
});

describe('linkage (cgo-facts §0.3, §0.4)', () => {
  const on = decideCgo(env({ CGO_ENABLED: '1' }), host({}), native);
  const off = decideCgo(env({ CGO_ENABLED: '0' }), host({}), native);
  const ld = (linkmodeExternal: boolean, extldflagsStatic: boolean) => ({ text: '', loc: { uri: 'u', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, linkmodeExternal, extldflagsStatic, extldflagsStaticPie: false, stripped: false });
  it.each<[string, Parameters<typeof decideLinkage>[0], string, string | undefined]>([
    ['cgo off → static', { cgo: off, host: host({}), target: native, tags: [] }, 'static', undefined],
    ['cgo off + pie → dynamic (loader needed)', { cgo: off, host: host({}), target: native, tags: [], buildmode: 'pie' }, 'dynamic-glibc', undefined],
    ['cgo on, glibc 2.36 → needs 2.34', { cgo: on, host: host({}), target: native, tags: [] }, 'dynamic-glibc', '2.34'],
    ['cgo on, glibc 2.31 → minimum unknown', { cgo: on, host: host({ libcVersion: '2.31' }), target: native, tags: [] }, 'dynamic-glibc', undefined],
    ['cgo on, musl → dynamic musl', { cgo: on, host: host({ libc: 'musl', libcVersion: '1.2' }), target: native, tags: [] }, 'dynamic-musl', undefined],
    ['cgo on, netgo+osusergo → static', { cgo: on, host: host({}), target: native, tags: ['netgo', 'osusergo'] }, 'static', undefined],
    ['cgo on, netgo only → dynamic', { cgo: on, host: host({}), target: native, tags: ['netgo'] }, 'dynamic-glibc', '2.34'],
    ['cgo on, -extldflags -static alone → still dynamic', { cgo: on, host: host({}), target: native, tags: [], ldflags: ld(false, true) }, 'dynamic-glibc', '2.34'],
    ['cgo on, -linkmode external -extldflags -static → static', { cgo: on, host: host({}), target: native, tags: [], ldflags: ld(true, true) }, 'static', undefined],
    ['unknown libc → unknown', { cgo: on, host: host({ libc: 'unknown', libcVersion: undefined }), target: native, tags: [] }, 'unknown', undefined],
  ])('%s', (_n, input, kind, minGlibc) => {
    const l = decideLinkage(input);
    expect(l.kind).toBe(kind);
    expect(l.kind === 'dynamic-glibc' ? l.minGlibc : undefined).toBe(minGlibc);
  });
});
