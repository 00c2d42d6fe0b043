import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/src/cli/loadConfig';

const temps: string[] = [];
function tempDir(): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-loadconfig-')));
  temps.push(d);
  return d;
}
afterAll(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('CLI config discovery: symlinks', () => {
  /** A checked directory and, beside it, a directory the checked one must not reach into. */
  function setup(): { cwd: string; outside: string } {
    const root = tempDir();
    const cwd = path.join(root, 'repo');
    const outside = path.join(root, 'elsewhere');
    fs.mkdirSync(cwd);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'cfg.yaml'), 'ignored: [CGO101]\n');
    return { cwd, outside };
  }

  it('a .cgo-lens.yaml symlink resolving outside the working directory is refused with one warning, not read', () => {
    const { cwd, outside } = setup();
    fs.symlinkSync(path.join(outside, 'cfg.yaml'), path.join(cwd, '.cgo-lens.yaml'));
    fs.writeFileSync(path.join(cwd, '.cgo-lens.yml'), 'ignored: [CGO102]\n');
    const warnings: string[] = [];
    const r = loadConfig(undefined, cwd, { warn: (m) => warnings.push(m) });
    expect(r).toEqual({ config: { ignored: [], override: {}, images: {} } });
    expect(warnings).toEqual(['ignored .cgo-lens.yaml: symbolic link to a file outside the working directory and the checked paths']);
  });

  it('/etc/passwd behind the link is not even parsed (it would be a config error, exit 2)', () => {
    const { cwd } = setup();
    fs.symlinkSync('/etc/passwd', path.join(cwd, '.cgo-lens.yaml'));
    const warnings: string[] = [];
    expect(loadConfig(undefined, cwd, { warn: (m) => warnings.push(m) }).config.ignored).toEqual([]);
    expect(warnings).toHaveLength(1);
  });

  it('a symlink inside the working directory, or into a checked PATH, is used', () => {
    const { cwd, outside } = setup();
    fs.mkdirSync(path.join(cwd, 'config'));
    fs.writeFileSync(path.join(cwd, 'config', 'cgo.yaml'), 'ignored: [CGO104]\n');
    fs.symlinkSync(path.join('config', 'cgo.yaml'), path.join(cwd, '.cgo-lens.yaml'));
    expect(loadConfig(undefined, cwd)).toEqual({ config: expect.objectContaining({ ignored: ['CGO104'] }), file: '.cgo-lens.yaml' });

    const other = setup();
    fs.symlinkSync(path.join(other.outside, 'cfg.yaml'), path.join(other.cwd, '.cgo-lens.yaml'));
    const warnings: string[] = [];
    expect(loadConfig(undefined, other.cwd, { roots: [other.outside], warn: (m) => warnings.push(m) }).config.ignored).toEqual(['CGO101']);
    expect(warnings).toEqual([]);
    void outside;
  });

  it('--config FILE may point anywhere: the user named it', () => {
    const { cwd, outside } = setup();
    const warnings: string[] = [];
    const r = loadConfig(path.join(outside, 'cfg.yaml'), cwd, { warn: (m) => warnings.push(m) });
    expect(r.config.ignored).toEqual(['CGO101']);
    expect(warnings).toEqual([]);
  });
});
