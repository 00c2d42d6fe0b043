// Build constraints (`//go:build`, legacy `// +build`, `_GOOS_GOARCH.go` file names) evaluated with three-valued
// logic: a tag can be known true, known false, or unknown (a GOARCH only known at build time). A file is certainly
// excluded only when its constraint is certainly false.

export type Truth = 'yes' | 'no' | 'unknown';

export interface ConstraintContext {
  /** cgo on / off / not known. */
  cgo: Truth;
  goos?: string;
  goarch?: string;
  /** -tags values. */
  tags: readonly string[];
}

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9',
  'solaris', 'wasip1', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32',
  'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);
const UNIX = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux', 'netbsd', 'openbsd', 'solaris']);

function not(t: Truth): Truth {
  return t === 'yes' ? 'no' : t === 'no' ? 'yes' : 'unknown';
}
function and(a: Truth, b: Truth): Truth {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'yes' && b === 'yes' ? 'yes' : 'unknown';
}
function or(a: Truth, b: Truth): Truth {
  if (a === 'yes' || b === 'yes') return 'yes';
  return a === 'no' && b === 'no' ? 'no' : 'unknown';
}

function osMatches(tag: string, goos: string | undefined): Truth {
  if (goos === undefined) return 'unknown';
  if (tag === goos) return 'yes';
  if (tag === 'linux' && goos === 'android') return 'yes';
  if (tag === 'darwin' && goos === 'ios') return 'yes';
  if (tag === 'solaris' && goos === 'illumos') return 'yes';
  return 'no';
}

/** The truth of one build tag. */
export function tagTruth(tag: string, ctx: ConstraintContext): Truth {
  if (tag === 'cgo') return ctx.cgo;
  if (ctx.tags.includes(tag)) return 'yes';
  if (KNOWN_OS.has(tag)) return osMatches(tag, ctx.goos);
  if (tag === 'unix') return ctx.goos === undefined ? 'unknown' : UNIX.has(ctx.goos) ? 'yes' : 'no';
  if (KNOWN_ARCH.has(tag)) return ctx.goarch === undefined ? 'unknown' : tag === ctx.goarch ? 'yes' : 'no';
  if (tag === 'gc') return 'yes';
  if (tag === 'gccgo') return 'no';
  // go1.N release tags: every toolchain CGO Lens reasons about is at least Go 1.x; newer ones are not known.
  const rel = /^go1\.(\d+)$/.exec(tag);
  if (rel) return Number(rel[1]) <= 21 ? 'yes' : 'unknown';
  // Any other tag is off unless -tags sets it (goexperiment.* tags depend on the toolchain: unknown).
  if (tag.startsWith('goexperiment.')) return 'unknown';
  return 'no';
}

/** Evaluate a `//go:build` expression; malformed expressions are 'unknown' (the go command would reject the file). */
export function evalGoBuild(expr: string, ctx: ConstraintContext): Truth {
  const toks = expr.match(/\|\||&&|[!()]|[^\s!()&|]+/g) ?? [];
  let i = 0;
  let bad = false;
  const primary = (): Truth => {
    const t = toks[i++];
    if (t === undefined) {
      bad = true;
      return 'unknown';
    }
    if (t === '!') return not(primary());
    if (t === '(') {
      const v = orExpr();
      if (toks[i++] !== ')') bad = true;
      return v;
    }
    if (t === ')' || t === '&&' || t === '||') {
      bad = true;
      return 'unknown';
    }
    return tagTruth(t, ctx);
  };
  const andExpr = (): Truth => {
    let v = primary();
    while (toks[i] === '&&') {
      i++;
      v = and(v, primary());
    }
    return v;
  };
  const orExpr = (): Truth => {
    let v = andExpr();
    while (toks[i] === '||') {
      i++;
      v = or(v, andExpr());
    }
    return v;
  };
  const v = orExpr();
  if (bad || i !== toks.length) return 'unknown';
  return v;
}

/** Legacy `// +build a,b c` lines: lines AND, spaces OR, commas AND, `!` negates. */
export function evalPlusBuild(lines: readonly string[], ctx: ConstraintContext): Truth {
  let all: Truth = 'yes';
  for (const line of lines) {
    let any: Truth = 'no';
    for (const opt of line.split(/\s+/).filter(Boolean)) {
      let each: Truth = 'yes';
      for (const term of opt.split(',')) {
        const neg = term.startsWith('!');
        const tag = neg ? term.slice(1) : term;
        if (!tag) continue;
        const t = tagTruth(tag, ctx);
        each = and(each, neg ? not(t) : t);
      }
      any = or(any, each);
    }
    all = and(all, any);
  }
  return all;
}

/** `x_linux.go`, `x_amd64.go`, `x_linux_arm64.go`, `x_test.go` (tests are handled by the caller). */
export function fileNameTruth(fileName: string, ctx: ConstraintContext): Truth {
  if (fileName.startsWith('_') || fileName.startsWith('.')) return 'no';
  let stem = fileName.replace(/\.go$/, '');
  if (stem.endsWith('_test')) stem = stem.slice(0, -5);
  const parts = stem.split('_');
  if (parts.length < 2) return 'yes';
  const last = parts[parts.length - 1];
  const prev = parts.length >= 3 ? parts[parts.length - 2] : undefined;
  if (KNOWN_ARCH.has(last)) {
    const arch: Truth = ctx.goarch === undefined ? 'unknown' : ctx.goarch === last ? 'yes' : 'no';
    if (prev !== undefined && KNOWN_OS.has(prev)) return and(osMatches(prev, ctx.goos), arch);
    return arch;
  }
  if (KNOWN_OS.has(last)) return osMatches(last, ctx.goos);
  return 'yes';
}

/** Does a constraint expression mention `!cgo` (a fallback for builds without cgo)? */
export function mentionsNotCgo(goBuild: string | undefined, plusBuild: readonly string[]): boolean {
  if (goBuild !== undefined) return /!\s*cgo\b/.test(goBuild);
  return plusBuild.some((l) => /!cgo\b/.test(l));
}
