import { describe, expect, it } from 'vitest';
import { CGO_MODULES, buildFailureError, cgoModuleForImport, cgoModulesForModule, compareModuleVersions, splitMajor } from '../../../server/src/knowledge/cgoModules';

describe('cgo module catalogue (cgo-facts section C)', () => {
  it('matches import paths by module prefix, with /vN major versions', () => {
    expect(cgoModuleForImport('github.com/mattn/go-sqlite3')?.module).toBe('github.com/mattn/go-sqlite3');
    expect(cgoModuleForImport('github.com/confluentinc/confluent-kafka-go/kafka')?.module).toBe('github.com/confluentinc/confluent-kafka-go');
    expect(cgoModuleForImport('github.com/confluentinc/confluent-kafka-go/v2/kafka')?.module).toBe('github.com/confluentinc/confluent-kafka-go/v2');
    expect(cgoModuleForImport('fyne.io/fyne/v2/app')?.module).toBe('fyne.io/fyne/v2');
    expect(cgoModuleForImport('github.com/mattn/go-sqlite3x')).toBeUndefined();
    expect(cgoModuleForImport('modernc.org/sqlite')).toBeUndefined();
  });

  it('package-specific entries match only those packages', () => {
    expect(cgoModuleForImport('github.com/google/gopacket/pcap')?.entry.name).toBe('gopacket/pcap');
    expect(cgoModuleForImport('github.com/google/gopacket/layers')).toBeUndefined();
    expect(cgoModuleForImport('github.com/coreos/go-systemd/v22/sdjournal')?.module).toBe('github.com/coreos/go-systemd/v22');
    expect(cgoModuleForImport('github.com/coreos/go-systemd/v22/journal')).toBeUndefined();
  });

  it('version-bounded entries need a known version below the bound', () => {
    expect(cgoModuleForImport('github.com/Shopify/sarama', () => 'v1.22.1')?.entry.name).toBe('sarama');
    expect(cgoModuleForImport('github.com/Shopify/sarama', () => 'v1.24.0')).toBeUndefined();
    expect(cgoModuleForImport('github.com/Shopify/sarama')).toBeUndefined();
    expect(cgoModulesForModule('github.com/Shopify/sarama', 'v1.19.0')).toHaveLength(1);
  });

  it('versions compare numerically', () => {
    expect(compareModuleVersions('v1.9.0', 'v1.10.0')).toBeLessThan(0);
    expect(compareModuleVersions('v1.24.0-0.20190101', 'v1.24.0')).toBe(0);
    expect(splitMajor('github.com/x/y/v3')).toEqual({ base: 'github.com/x/y', major: 3 });
    expect(splitMajor('gopkg.in/yaml.v3')).toEqual({ base: 'gopkg.in/yaml.v3' });
  });

  it('the build error follows the major version (confluent-kafka-go v1 vs v2)', () => {
    const kafka = CGO_MODULES.find((m) => m.name === 'confluent-kafka-go')!;
    expect(buildFailureError(kafka, 'github.com/confluentinc/confluent-kafka-go')).toBe('build constraints exclude all Go files in …/confluent-kafka-go/kafka');
    expect(buildFailureError(kafka, 'github.com/confluentinc/confluent-kafka-go/v2')).toBe('undefined: kafka.…');
  });

  it('is well-formed: unique modules, verified behaviour quotes an error or message, alternatives link to pkg.go.dev', () => {
    const keys = CGO_MODULES.map((m) => `${m.module}#${m.packages?.join(',') ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of CGO_MODULES) {
      expect(m.module).not.toMatch(/\/v\d+$/);
      if (m.withoutCgo.kind === 'runtime-stub') expect(m.withoutCgo.message.length).toBeGreaterThan(10);
      if (m.withoutCgo.kind === 'build-failure' && m.withoutCgo.confidence === 'verified') expect(m.withoutCgo.error).toBeTruthy();
      for (const a of m.alternatives) expect(a.url).toBe(`https://pkg.go.dev/${a.module}`);
    }
  });
});
