import { beforeAll, describe, expect, it } from 'vitest';
import { clearShellCache, initShellParser, parseShellTree, parseWithTreeSitter } from '../../../server/src/shell/parser';
import { fastParse } from '../../../server/src/shell/fastParse';
import type { ShellNode } from '../../../server/src/shell/tree';

beforeAll(() => initShellParser());

/** The tree as data: everything the interpreter can read. */
function shape(n: ShellNode): unknown {
  return [n.type, n.isNamed, n.startIndex, n.endIndex, n.field, n.children.map(shape)];
}

/** Whenever the fast path accepts a text, its tree must be tree-sitter-bash's. */
function same(text: string): boolean {
  const fast = fastParse(text);
  if (!fast) return false;
  const ts = parseWithTreeSitter(text);
  expect(ts.hasError, text).toBe(false);
  expect(shape(fast), text).toEqual(shape(ts.rootNode));
  return true;
}

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('shell fast path', () => {
  it.each([
    'go build -o /out/app ./cmd/app',
    ' go mod download && go mod verify',
    'CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=${TARGETARCH} go build -trimpath -ldflags="-s -w -X main.v=${VERSION}" -o /out/a .',
    'apk add --no-cache gcc musl-dev; rm -rf /var/cache/apk/x',
    'apt-get update  && apt-get install -y --no-install-recommends       pkg-config       tzdata  && rm -rf /var/lib/apt/lists/',
    'set -eux\ngo vet ./...\ngo test -count=1 ./services/svc0/...\n',
    'A=1',
    'A=08 B=1.5',
    "x '' \"\" y 'a b'c \"$A\"x $A$B 1$A -1 5 0x1F a=b --x=1 a@latest netgo,osusergo 50% c++",
    'go install golang.org/x/tools/cmd/stringer@v0.20.0 || true',
    'a &&\n b',
    'a;',
    'export CGO_ENABLED=0 && export A B="$C" D',
    'rm -rf /var/lib/apt/lists/* /tmp/*.go ~/.cache x?',
  ])('takes the fast path and equals tree-sitter: %j', (text) => {
    expect(same(text)).toBe(true);
  });

  it.each([
    'a | b', 'a > /dev/null', 'export -n A', 'export _A', 'if true; then a; fi', 'echo $(date)', 'echo ${A:-x}', 'a # comment',
    'f() { a; }', '(a)', 'A= b', 'echo \\"x', 'echo `a`', 'echo $1', 'a &', '[ -f x ]', '! a', 'a;; b', 'A=1\nb', '_=x', 'a@b', '-1', 'echo "x\ny"', 'echo "$A "', 'x=$((1+2))', '',
  ])('leaves %j to tree-sitter', (text) => {
    expect(fastParse(text)).toBeUndefined();
  });

  it('equals tree-sitter on 6,000 generated scripts (and accepts a good share of the simple ones)', () => {
    const vocab = [
      'go', 'build', 'apk', 'add', '--no-cache', '-o', '/out/app', './...', 'CGO_ENABLED=0', 'CGO_ENABLED=1', 'GOOS=$TARGETOS', 'A=${B}', 'A="x y"', "A='q'",
      'A=x$B', 'A=-1', 'A=a=b', 'export', 'export A=1', 'export A', 'export A B=$C', 'export _A', 'export -n A', 'export A=',
      '/var/lib/apt/lists/*', '*.go', 'a*b', '*', 'x?', '~/x', 'a~b', 'Z=~/x', 'Z=*', '"*"', 'x*$A', '*=1', '"x\ny"', '-ldflags="-s -w"', '"$A"', '"a$B/c"', '"${A}b"', '"$A "', '""', "''", "'it s'", '$A', '${A}', '$A$B', 'x$A', '${A}x',
      '5', '-1', '08', '1.5', '0x1F', '+5', 'a@b', 'a,b', 'a:b', '50%', 'a=b', '--x=1', 'c++', '-', '--', 'x-y_z.1', 'A_1=2', '_=x',
      // out of the subset: each makes the fast path decline (or must still match tree-sitter when it does not)
      '|', '>', '2>&1', '*', '?', '#c', '$(a)', '`a`', '${A:-x}', '$1', '~', '{', '}', '(', ')', '\\x', '!', 'if', 'then', 'export', '[', ']',
    ];
    const seps = [' ', '  ', '\t', ' && ', ' || ', '; ', ';', '\n', ' &&\n ', ' ;\n'];
    const rnd = prng(20261124);
    const pick = <T,>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
    const campaign = (words: readonly string[], count: number) => {
      let accepted = 0;
      for (let n = 0; n < count; n++) {
        const parts: string[] = [];
        const len = 1 + Math.floor(rnd() * 9);
        for (let k = 0; k < len; k++) {
          parts.push(pick(words));
          parts.push(rnd() < 0.75 ? pick([' ', ' ', ' ', '  ']) : pick(seps));
        }
        const text = (rnd() < 0.2 ? pick([' ', '\n', '  ']) : '') + parts.join('').trimEnd() + (rnd() < 0.2 ? pick([';', '\n', ' ']) : '');
        if (same(text)) accepted++;
      }
      return accepted;
    };
    // In-subset words only (the fast path must accept a good share), then everything mixed.
    expect(campaign(vocab.slice(0, vocab.indexOf('|')), 3000)).toBeGreaterThan(300);
    campaign(vocab, 3000);
  });

  it('parseShellTree: the fast path, else a cached tree-sitter tree', () => {
    clearShellCache();
    const simple = 'CGO_ENABLED=0 go build -o /x . && echo "$A"';
    expect(shape(parseShellTree(simple).rootNode)).toEqual(shape(parseWithTreeSitter(simple).rootNode));
    const piped = 'go list -m all | grep sqlite && CGO_ENABLED=1 go build .';
    const first = parseShellTree(piped);
    expect(parseShellTree(piped)).toBe(first);
    expect(shape(first.rootNode)).toEqual(shape(parseWithTreeSitter(piped).rootNode));
  });
});
