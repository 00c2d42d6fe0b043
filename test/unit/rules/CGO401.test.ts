import { describe, expect, it } from 'vitest';
import { applyAndReanalyse, codes, findingsWith, GO, lines, memIndex, toScratch } from '../workspace/harness';

// CGO401 scratch-without-ca-certificates (cgo-facts A22).
const HTTPS = { 'go.mod': GO.mod(), 'main.go': GO.main(['"net/http"'], '\thttp.Get("https://api.example.com")') };
const OFF = 'RUN CGO_ENABLED=0 go build -o /app .';

describe('CGO401 scratch-without-ca-certificates', () => {
  it.each<[string, Record<string, string>]>([
    ['http.Get("https://…")', HTTPS],
    ['http.Get(url)', { ...HTTPS, 'main.go': GO.main(['"net/http"', '"os"'], '\thttp.Get(os.Getenv("URL"))') }],
    ['an http.Client', { ...HTTPS, 'main.go': GO.main(['"net/http"'], '\tc := &http.Client{}\n\t_ = c') }],
    ['tls.Dial', { ...HTTPS, 'main.go': GO.main(['"crypto/tls"'], '\ttls.Dial("tcp", "x:443", nil)') }],
    ['in an imported workspace package', { ...HTTPS, 'main.go': GO.main(['"example.com/app/client"']), 'client/c.go': lines('package client', 'import "net/http"', 'func F() { http.Post("https://x", "", nil) }') }],
  ])('fires: %s', async (_d, files) => {
    const f = codes(await findingsWith(memIndex(files), toScratch(OFF)), 'CGO401');
    expect(f.map((x) => [x.severity, x.loc.range.start.line])).toEqual([['warning', 5]]);
  });

  it('the preferred fix copies the CA bundle from the build stage and clears it', async () => {
    const { fixed, after } = await applyAndReanalyse(memIndex(HTTPS), toScratch(OFF), 'CGO401', 'Copy the CA bundle');
    expect(fixed).toContain('FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app');
    expect(codes(after, 'CGO401')).toEqual([]);
  });

  it('offers distroless/static for a static binary on scratch', async () => {
    const f = codes(await findingsWith(memIndex(HTTPS), toScratch(OFF)), 'CGO401')[0];
    expect(f.fixes.map((x) => [x.title, x.preferred])).toEqual([
      ['Copy the CA bundle from stage `build`', true],
      ['Run on gcr.io/distroless/static-debian12 (ships CA certificates and tzdata)', false],
    ]);
    const { after } = await applyAndReanalyse(memIndex(HTTPS), toScratch(OFF), 'CGO401', 'distroless');
    expect(codes(after, 'CGO401')).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['only a TCP listener', { ...HTTPS, 'main.go': GO.main(['"net"'], '\tnet.Listen("tcp", ":80")') }, toScratch(OFF)],
    ['only plain http:// health checks', { ...HTTPS, 'main.go': GO.main(['"net/http"'], '\thttp.Get("http://localhost:8080/healthz")') }, toScratch(OFF)],
    ['CA bundle copied', HTTPS, toScratch(OFF, 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/')],
    ['distroless/static ships CA certificates', HTTPS, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', OFF, 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app')],
    ['program unknown (ARG without default)', HTTPS, lines('FROM golang:1.22 AS build', 'ARG PKG', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app $PKG', 'FROM scratch', 'COPY --from=build /app /app')],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO401')).toEqual([]);
  });

  it('without a workspace index: nothing (no guess about the program)', async () => {
    expect(codes(await findingsWith(undefined, toScratch(OFF)), 'CGO401')).toEqual([]);
  });
});
