import { describe, expect, it } from 'vitest';
import { applyAndReanalyse, codes, findingsWith, GO, lines, memIndex } from '../workspace/harness';

// CGO304 kafka-musl-tag (cgo-facts A26).
const KAFKA = { 'go.mod': GO.mod('example.com/app', 'github.com/confluentinc/confluent-kafka-go/v2 v2.3.0'), 'main.go': GO.main(['"github.com/confluentinc/confluent-kafka-go/v2/kafka"']) };
const ALPINE = (build: string) => lines('FROM golang:1.22-alpine AS build', 'RUN apk add --no-cache gcc musl-dev', 'WORKDIR /src', 'COPY . .', build);

describe('CGO304 kafka-musl-tag', () => {
  it('cgo on an Alpine builder without -tags musl: error on the go command', async () => {
    const f = codes(await findingsWith(memIndex(KAFKA), ALPINE('RUN CGO_ENABLED=1 go build -o /app .')), 'CGO304');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe('error');
    expect(f[0].loc.range.start.line).toBe(4);
    expect(f[0].message).toContain("``undefined reference to `__strdup'``");
  });

  it('the fix adds -tags musl (merged with existing tags) and clears it', async () => {
    const { fixed, after } = await applyAndReanalyse(memIndex(KAFKA), ALPINE('RUN CGO_ENABLED=1 go build -tags netgo -o /app .'), 'CGO304', '-tags musl');
    expect(fixed).toContain('go build -tags netgo,musl -o /app .');
    expect(codes(after, 'CGO304')).toEqual([]);
  });

  it.each<[string, Record<string, string>, string]>([
    ['-tags musl', KAFKA, ALPINE('RUN CGO_ENABLED=1 go build -tags musl -o /app .')],
    ['-tags dynamic', KAFKA, ALPINE('RUN CGO_ENABLED=1 go build -tags dynamic -o /app .')],
    ['a Debian (glibc) builder', KAFKA, lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['cgo off (CGO302 reports that)', KAFKA, ALPINE('RUN CGO_ENABLED=0 go build -o /app .')],
    ['no kafka in the program', { 'go.mod': GO.mod(), 'main.go': GO.main(['"fmt"']) }, ALPINE('RUN CGO_ENABLED=1 go build -o /app .')],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO304')).toEqual([]);
  });
});
