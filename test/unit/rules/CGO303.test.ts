import { describe, expect, it } from 'vitest';
import { codes, findingsWith, GO, lines, memIndex, ROOT, toScratch } from '../workspace/harness';

// CGO303 own-cgo-code-disabled (cgo-facts A21).
const CGO_MAIN = lines('package main', '', '// static int add(int a, int b) { return a + b; }', 'import "C"', '', 'func main() { println(C.add(1, 2)) }');
const OFF = toScratch('RUN CGO_ENABLED=0 go build -o /app .');

describe('CGO303 own-cgo-code-disabled', () => {
  it('a package made only of cgo files: error quoting "build constraints exclude all Go files"', async () => {
    const f = codes(await findingsWith(memIndex({ 'go.mod': GO.mod('example.com/cgoapp'), 'main.go': CGO_MAIN }), OFF), 'CGO303');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('`package example.com/cgoapp: build constraints exclude all Go files in …/w`');
    expect(f[0].related[0].loc).toEqual({ uri: `${ROOT}/main.go`, range: { start: { line: 3, character: 7 }, end: { line: 3, character: 10 } } });
  });

  it('mixed cgo and plain files: a warning about `undefined: …`', async () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"'], '\tfmt.Println(add(1, 2))'), 'add.go': lines('package main', '// int cadd(int a, int b) { return a + b; }', 'import "C"', 'func add(a, b int) int { return int(C.cadd(C.int(a), C.int(b))) }') });
    const f = codes(await findingsWith(index, OFF), 'CGO303');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0].message).toContain('`undefined: …`');
  });

  it('golang:*-alpine without gcc: cgo is off by default, the build fails', async () => {
    const f = codes(await findingsWith(memIndex({ 'go.mod': GO.mod(), 'main.go': CGO_MAIN }), lines('FROM golang:1.22-alpine', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .')), 'CGO303');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('C compiler');
  });

  it('in an imported workspace package', async () => {
    const index = memIndex({ 'go.mod': GO.mod(), 'main.go': GO.main(['"example.com/app/native"']), 'native/native.go': lines('package native', 'import "C"') });
    const f = codes(await findingsWith(index, OFF), 'CGO303');
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('`example.com/app/native`');
  });

  it.each<[string, Record<string, string>, string]>([
    ['cgo on', { 'go.mod': GO.mod(), 'main.go': CGO_MAIN }, lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['a //go:build !cgo fallback', { 'go.mod': GO.mod(), 'main.go': GO.main([]), 'add_cgo.go': lines('//go:build cgo', 'package main', 'import "C"'), 'add_nocgo.go': lines('//go:build !cgo', 'package main') }, OFF],
    ['no cgo code', { 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']) }, OFF],
    ['cgo code only in a test file', { 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']), 'x_test.go': lines('package main', 'import "C"') }, OFF],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO303')).toEqual([]);
  });
});
