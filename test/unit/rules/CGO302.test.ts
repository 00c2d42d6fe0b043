import { describe, expect, it } from 'vitest';
import { analyzeWith, codes, findingsWith, GO, lines, memIndex, ROOT, toScratch } from '../workspace/harness';

// CGO302 cgo-module-build-failure (cgo-facts A14, section C).
const OFF = toScratch('RUN CGO_ENABLED=0 go build -o /app .');
const app = (require: string, imp: string) => ({ 'go.mod': GO.mod('example.com/app', require), 'main.go': GO.main([`"${imp}"`]) });

describe('CGO302 cgo-module-build-failure', () => {
  it.each<[string, Record<string, string>, string, string]>([
    ['confluent-kafka-go v1', app('github.com/confluentinc/confluent-kafka-go v1.9.2', 'github.com/confluentinc/confluent-kafka-go/kafka'), 'error', 'build constraints exclude all Go files in …/confluent-kafka-go/kafka'],
    ['confluent-kafka-go v2', app('github.com/confluentinc/confluent-kafka-go/v2 v2.3.0', 'github.com/confluentinc/confluent-kafka-go/v2/kafka'), 'error', 'undefined: kafka.…'],
    ['DataDog/zstd', app('github.com/DataDog/zstd v1.5.5', 'github.com/DataDog/zstd'), 'error', 'build constraints exclude all Go files in …/DataDog/zstd'],
    ['gopacket/pcap', app('github.com/google/gopacket v1.1.19', 'github.com/google/gopacket/pcap'), 'error', 'undefined: pcapErrorNotActivated'],
    ['miekg/pkcs11', app('github.com/miekg/pkcs11 v1.1.1', 'github.com/miekg/pkcs11'), 'error', 'undefined: pkcs11.New'],
    ['gocv (unconfirmed: a warning, worded so)', app('gocv.io/x/gocv v0.35.0', 'gocv.io/x/gocv'), 'warning', 'unconfirmed'],
  ])('fires: %s', async (_d, files, severity, quote) => {
    const f = codes(await findingsWith(memIndex(files), OFF), 'CGO302');
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe(severity);
    expect(f[0].message).toContain(quote);
    expect(f[0].loc.range.start.line).toBe(3);
    expect(f[0].related.map((r) => r.loc.uri)).toEqual([`${ROOT}/go.mod`, `${ROOT}/main.go`]);
  });

  it('names the pure-Go alternatives', async () => {
    const f = codes(await findingsWith(memIndex(app('github.com/confluentinc/confluent-kafka-go v1.9.2', 'github.com/confluentinc/confluent-kafka-go/kafka')), OFF), 'CGO302')[0];
    expect(f.message).toContain('`github.com/segmentio/kafka-go`');
    expect(f.message).toContain('`github.com/twmb/franz-go` (unconfirmed)');
  });

  it.each<[string, Record<string, string>, string]>([
    ['cgo on', app('github.com/DataDog/zstd v1.5.5', 'github.com/DataDog/zstd'), lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -o /app .')],
    ['the rest of gopacket is pure Go', app('github.com/google/gopacket v1.1.19', 'github.com/google/gopacket/layers'), OFF],
    ['a silent fallback (sha1cd) is no failure', app('github.com/pjbgf/sha1cd v0.3.0', 'github.com/pjbgf/sha1cd'), OFF],
    ['the pure-Go replacement', app('github.com/klauspost/compress v1.17.0', 'github.com/klauspost/compress/zstd'), OFF],
  ])('does not fire: %s', async (_d, files, text) => {
    expect(codes(await findingsWith(memIndex(files), text), 'CGO302')).toEqual([]);
  });

  it('on go.mod: information on the require while a build compiles it with cgo off', async () => {
    const files = app('github.com/DataDog/zstd v1.5.5', 'github.com/DataDog/zstd');
    const index = memIndex(files);
    await findingsWith(index, OFF);
    const f = codes((await analyzeWith(index, files['go.mod'], `${ROOT}/go.mod`)).findings, 'CGO302');
    expect(f.map((x) => [x.severity, x.loc.range.start.line])).toEqual([['information', 5]]);
    expect(f[0].message).toContain('`github.com/klauspost/compress/zstd`');
  });
});
