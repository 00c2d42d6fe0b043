import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../../server/src/rules/registry';
import { parseRepoConfig, SEVERITY_ALIASES, FAILURE_THRESHOLDS } from '../../../server/src/config/repoConfig';

/**
 * schemas/cgo-lens.schema.json is written by hand for now; until scripts/generate.mjs produces it, this test keeps
 * it in step with the registry and with what parseRepoConfig accepts.
 */
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../schemas/cgo-lens.schema.json'), 'utf8'));

describe('cgo-lens.schema.json', () => {
  it('is draft-07 and closed at the top level', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
  });

  it('lists exactly the registry\'s rule ids, each with a description', () => {
    expect(schema.definitions.ruleId.enum).toEqual(RULES.map((r) => r.meta.id));
    expect(schema.definitions.ruleId.markdownEnumDescriptions).toHaveLength(RULES.length);
  });

  it('has the keys the parser accepts, and the parser rejects the ones it does not list', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['failure-threshold', 'ignored', 'images', 'override']);
    expect(parseRepoConfig('nope: 1', 'f').errors).toHaveLength(1);
    expect(Object.keys(schema.properties.override.properties).sort()).toEqual(['error', 'hint', 'info', 'information', 'style', 'warning']);
    for (const level of Object.keys(schema.properties.override.properties)) {
      expect(parseRepoConfig(`override:\n  ${level}: [CGO101]`, 'f').errors).toEqual([]);
    }
    expect([...schema.properties['failure-threshold'].enum].sort()).toEqual([...FAILURE_THRESHOLDS, ...Object.keys(SEVERITY_ALIASES)].sort());
    for (const t of schema.properties['failure-threshold'].enum) expect(parseRepoConfig(`failure-threshold: ${t}`, 'f').errors).toEqual([]);
    const image = schema.properties.images.additionalProperties;
    expect(Object.keys(image.properties).sort()).toEqual(['libc', 'toolchain', 'version']);
    expect(image.properties.libc.enum).toEqual(['glibc', 'musl', 'none']);
  });
});
