import { afterEach, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DependencyGraph,
  OverlayConfigFs,
  RepoConfigs,
  changeFolders,
  initialFolders,
  isRepoConfigPath,
  isUnder,
  normalizeUri,
  uriToPath,
} from '../../../server/src/lsp/workspace';

const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-ws-')));
  tmp.push(d);
  return d;
}
const url = (p: string) => pathToFileURL(p).href;

describe('URIs and folders', () => {
  it('maps file URIs to paths and back to one spelling; other schemes pass through', () => {
    expect(uriToPath('file:///w/a%20b/Dockerfile')).toBe('/w/a b/Dockerfile');
    expect(uriToPath('untitled:Untitled-1')).toBeUndefined();
    expect(normalizeUri('file:///w/a%20b/Dockerfile')).toBe('file:///w/a%20b/Dockerfile');
    expect(normalizeUri('file:///w/x/../Dockerfile')).toBe('file:///w/Dockerfile');
    expect(normalizeUri('untitled:Untitled-1')).toBe('untitled:Untitled-1');
  });

  it('reads folders from workspaceFolders, else rootUri, else rootPath; applies folder change events', () => {
    expect(initialFolders({ workspaceFolders: [{ uri: 'file:///a', name: 'a' }, { uri: 'vscode-vfs://x/y', name: 'v' }], rootUri: 'file:///r' })).toEqual(['/a']);
    expect(initialFolders({ workspaceFolders: null, rootUri: 'file:///r' })).toEqual(['/r']);
    expect(initialFolders({ rootUri: null, rootPath: '/p' })).toEqual(['/p']);
    expect(initialFolders(undefined)).toEqual([]);
    expect(changeFolders(['/a', '/b'], [{ uri: 'file:///c', name: 'c' }, { uri: 'file:///a', name: 'a' }], [{ uri: 'file:///b', name: 'b' }])).toEqual(['/a', '/c']);
    expect(changeFolders(['/a'], 'garbage', null)).toEqual(['/a']);
  });

  it('recognises config files and folders', () => {
    expect(isRepoConfigPath('/w/.cgo-lens.yaml')).toBe(true);
    expect(isRepoConfigPath('/w/sub/.cgo-lens.yml')).toBe(true);
    expect(isRepoConfigPath('/w/cgo-lens.yaml')).toBe(false);
    expect(isUnder('/w', '/w/sub/Dockerfile')).toBe(true);
    expect(isUnder('/w/sub', '/w/Dockerfile')).toBe(false);
    expect(isUnder('/w/su', '/w/sub/Dockerfile')).toBe(false);
  });
});

describe('DependencyGraph', () => {
  it('keeps the reverse map in step with each analysis, across URI spellings, without self-links', () => {
    const g = new DependencyGraph();
    g.set('file:///w/Dockerfile', ['file:///w/Makefile', 'file:///w/scripts/../build.sh', 'file:///w/Dockerfile']);
    g.set('file:///w/other/Dockerfile', ['file:///w/Makefile']);
    expect(g.dependentsOf('file:///w/Makefile').sort()).toEqual(['file:///w/Dockerfile', 'file:///w/other/Dockerfile']);
    expect(g.dependentsOf('file:///w/build.sh')).toEqual(['file:///w/Dockerfile']);
    expect(g.dependentsOf('file:///w/Dockerfile')).toEqual([]);
    // A new analysis replaces the old links; closing drops them.
    g.set('file:///w/Dockerfile', ['file:///w/build.sh']);
    expect(g.dependentsOf('file:///w/Makefile')).toEqual(['file:///w/other/Dockerfile']);
    g.delete('file:///w/other/Dockerfile');
    expect(g.dependentsOf('file:///w/Makefile')).toEqual([]);
    g.set('file:///w/Dockerfile', undefined);
    expect(g.dependenciesOf('file:///w/Dockerfile')).toEqual([]);
    expect(g.dependentsOf('file:///w/build.sh')).toEqual([]);
  });
});

describe('OverlayConfigFs', () => {
  it('serves open documents over the disk, with a new stamp per edit, and falls back to disk when closed', () => {
    const dir = tempDir();
    const file = path.join(dir, '.cgo-lens.yaml');
    fs.writeFileSync(file, 'ignored: [CGO101]\n');
    const o = new OverlayConfigFs();
    expect(o.readFileSync(file, 'utf8')).toBe('ignored: [CGO101]\n');
    o.set(file, 'ignored: [CGO202]\n');
    const s1 = o.statSync(file);
    expect(o.readFileSync(o.realpathSync(file), 'utf8')).toBe('ignored: [CGO202]\n');
    o.set(file, 'ignored: [CGO504]\n');
    expect(o.statSync(file).mtimeMs).not.toBe(s1.mtimeMs);
    expect(o.statSync(file).size).toBe(s1.size);
    o.delete(file);
    expect(o.readFileSync(file, 'utf8')).toBe('ignored: [CGO101]\n');
  });

  it('an open config that was never saved exists for the loader', () => {
    const dir = tempDir();
    const file = path.join(dir, '.cgo-lens.yml');
    const o = new OverlayConfigFs();
    o.set(file, 'ignored: []\n');
    expect(o.statSync(file).isFile()).toBe(true);
    expect(o.realpathSync(file)).toBe(file);
    expect(o.readFileSync(file, 'utf8')).toBe('ignored: []\n');
  });
});

describe('RepoConfigs', () => {
  it('finds the nearest config inside the folder, prefers the open text, logs problems of closed files once per mtime', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'svc'));
    const cfg = path.join(dir, '.cgo-lens.yaml');
    fs.writeFileSync(cfg, 'ignored: [CGO101, CGO999]\nbogus: 1\n');
    const warnings: string[] = [];
    const rc = new RepoConfigs((m) => warnings.push(m));
    const doc = url(path.join(dir, 'svc', 'Dockerfile'));

    const loaded = rc.configFor(doc, [dir])!;
    expect(loaded.file).toBe(cfg);
    expect(loaded.config.ignored).toEqual(['CGO101']); // best effort: the valid part is used
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(new RegExp(`^${cfg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+: unknown rule "CGO999"`));
    expect(warnings[1]).toContain(`${cfg}:2:1: unknown key "bogus"`);
    expect(warnings[2]).toContain('uses the valid parts');
    rc.configFor(doc, [dir]);
    expect(warnings).toHaveLength(3); // once per file + mtime

    // Open in the editor: its text wins and its problems are diagnostics there, not log lines.
    rc.setOpen(url(cfg), 'ignored: [CGO202]\nnope: 2\n');
    expect(rc.configFor(doc, [dir])!.config.ignored).toEqual(['CGO202']);
    expect(warnings).toHaveLength(3);
    rc.setOpen(url(cfg), undefined);
    expect(rc.configFor(doc, [dir])!.config.ignored).toEqual(['CGO101']);

    // Saved again with another mtime: logged again.
    fs.writeFileSync(cfg, 'ignored: CGO101\n');
    fs.utimesSync(cfg, new Date(), new Date(Date.now() + 5000));
    rc.configFor(doc, [dir]);
    expect(warnings.length).toBe(5);
    expect(warnings[3]).toContain(`${cfg}:1:10: ignored must be a list of rule ids`);
  });

  it('no config for documents outside every folder or not on disk', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.cgo-lens.yaml'), 'ignored: [CGO101]\n');
    const rc = new RepoConfigs(() => undefined);
    expect(rc.configFor(url(path.join(dir, 'Dockerfile')), [])).toBeUndefined();
    expect(rc.configFor(url('/elsewhere/Dockerfile'), [dir])).toBeUndefined();
    expect(rc.configFor('untitled:Untitled-1', [dir])).toBeUndefined();
  });
});
