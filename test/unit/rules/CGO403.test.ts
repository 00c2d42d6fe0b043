import { describe, expect, it } from 'vitest';
import { applyAndReanalyse, codes, findingsWith, GO, lines, memIndex, toScratch } from '../workspace/harness';

// CGO403 pure-go-user-lookup (cgo-facts A17).
const WHO = { 'go.mod': GO.mod(), 'main.go': GO.main(['"os/user"'], '\tu, _ := user.Current()\n\t_ = u') };

describe('CGO403 pure-go-user-lookup', () => {
  it('user.Current with cgo off in scratch: information quoting the error', async () => {
    const f = codes(await findingsWith(memIndex(WHO), toScratch('RUN CGO_ENABLED=0 go build -o /app .')), 'CGO403');
    expect(f.map((x) => [x.severity, x.loc.range.start.line])).toEqual([['information', 5]]);
    expect(f[0].message).toContain('user: Current requires cgo or $USER set in environment');
  });

  it('the osusergo tag counts as pure Go too', async () => {
    const text = toScratch('RUN CGO_ENABLED=0 go build -tags osusergo -o /app .');
    expect(codes(await findingsWith(memIndex(WHO), text), 'CGO403')).toHaveLength(1);
  });

  it('copying /etc/passwd from the builder clears it', async () => {
    const { after } = await applyAndReanalyse(memIndex(WHO), toScratch('RUN CGO_ENABLED=0 go build -o /app .'), 'CGO403', '/etc/passwd');
    expect(codes(after, 'CGO403')).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['os/user imported but never called', { ...WHO, 'main.go': GO.main(['"os/user"'], '\tvar _ user.User') }, toScratch('RUN CGO_ENABLED=0 go build -o /app .')],
    ['distroless/static has /etc/passwd', WHO, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app')],
    ['/etc/passwd copied', WHO, toScratch('RUN CGO_ENABLED=0 go build -o /app .', 'COPY --from=build /etc/passwd /etc/passwd')],
    ['cgo on (NSS lookups; CGO101 reports the scratch problem)', WHO, toScratch('RUN CGO_ENABLED=1 go build -o /app .')],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO403')).toEqual([]);
  });
});
