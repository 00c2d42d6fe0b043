import { describe, expect, it } from 'vitest';
import { applyAndReanalyse, codes, findingsWith, GO, lines, memIndex, toScratch } from '../workspace/harness';

// CGO402 scratch-without-tzdata (cgo-facts A23).
const TZ = { 'go.mod': GO.mod(), 'main.go': GO.main(['"time"'], '\ttime.LoadLocation("Europe/Berlin")') };
const OFF = 'RUN CGO_ENABLED=0 go build -o /app .';

describe('CGO402 scratch-without-tzdata', () => {
  it('time.LoadLocation in scratch: warning on the runtime FROM', async () => {
    const f = codes(await findingsWith(memIndex(TZ), toScratch(OFF)), 'CGO402');
    expect(f.map((x) => [x.severity, x.loc.range.start.line])).toEqual([['warning', 5]]);
    expect(f[0].message).toContain('unknown time zone Europe/Berlin');
  });

  it('Alpine runtime without tzdata', async () => {
    const text = lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', OFF, 'FROM alpine:3.20', 'COPY --from=build /app /app');
    expect(codes(await findingsWith(memIndex(TZ), text), 'CGO402')).toHaveLength(1);
  });

  it('the preferred fix adds -tags timetzdata and clears it', async () => {
    const { fixed, after } = await applyAndReanalyse(memIndex(TZ), toScratch(OFF), 'CGO402', 'timetzdata');
    expect(fixed).toContain('RUN CGO_ENABLED=0 go build -tags timetzdata -o /app .');
    expect(codes(after, 'CGO402')).toEqual([]);
  });

  it('copying zoneinfo from a Debian builder clears it too', async () => {
    const { fixed, after } = await applyAndReanalyse(memIndex(TZ), toScratch(OFF), 'CGO402', 'zoneinfo');
    expect(fixed).toContain('COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo');
    expect(codes(after, 'CGO402')).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['import _ "time/tzdata"', { ...TZ, 'main.go': GO.main(['"time"', '_ "time/tzdata"'], '\ttime.LoadLocation("Europe/Berlin")') }, toScratch(OFF)],
    ['-tags timetzdata', TZ, toScratch('RUN CGO_ENABLED=0 go build -tags timetzdata -o /app .')],
    ['LoadLocation("UTC") only', { ...TZ, 'main.go': GO.main(['"time"'], '\ttime.LoadLocation("UTC")') }, toScratch(OFF)],
    ['apk add tzdata in the runtime', TZ, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', OFF, 'FROM alpine:3.20', 'RUN apk add --no-cache tzdata', 'COPY --from=build /app /app')],
    ['distroless/static ships tzdata', TZ, lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', OFF, 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /app /app')],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO402')).toEqual([]);
  });
});
