import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configSearchDirs, isInside, RepoConfigLoader, type ConfigFs } from '../../../server/src/config/repoConfigLoader';

describe('configSearchDirs (pure)', () => {
  it('walks up from the document directory to the workspace folder, nearest first', () => {
    expect(configSearchDirs('/w/a/b/Dockerfile', ['/w'])).toEqual(['/w/a/b', '/w/a', '/w']);
    expect(configSearchDirs('/w/Dockerfile', ['/w/'])).toEqual(['/w']);
  });

  it('uses the deepest folder containing the document', () => {
    expect(configSearchDirs('/w/sub/x/Dockerfile', ['/w', '/w/sub'])).toEqual(['/w/sub/x', '/w/sub']);
  });

  it('returns nothing outside every folder (no lookup above a folder, ever)', () => {
    expect(configSearchDirs('/other/Dockerfile', ['/w'])).toEqual([]);
    expect(configSearchDirs('/w2/Dockerfile', ['/w'])).toEqual([]);
    expect(configSearchDirs('/w/../etc/Dockerfile', ['/w'])).toEqual([]);
    expect(configSearchDirs('/w/Dockerfile', [])).toEqual([]);
  });

  it('isInside is lexical and not fooled by prefixes or `..`-named children', () => {
    expect(isInside('/w', '/w')).toBe(true);
    expect(isInside('/w', '/w/..x/a')).toBe(true);
    expect(isInside('/w', '/wx')).toBe(false);
    expect(isInside('/w', '/')).toBe(false);
  });
});

describe('RepoConfigLoader (real files)', () => {
  let tmp: string;
  let ws: string;
  const write = (rel: string, text: string) => {
    const p = path.join(ws, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  beforeAll(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'cgo-lens-loader-')));
    ws = path.join(tmp, 'ws');
    fs.mkdirSync(ws);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('finds the nearest config; .yaml before .yml in one directory', () => {
    write('.cgo-lens.yaml', 'ignored: [CGO101]\n');
    write('svc/.cgo-lens.yml', 'ignored: [CGO202]\n');
    write('svc/deep/Dockerfile', 'FROM x\n');
    const loader = new RepoConfigLoader();
    expect(loader.load(path.join(ws, 'svc/deep/Dockerfile'), [ws])).toEqual({ file: path.join(ws, 'svc/.cgo-lens.yml'), config: expect.objectContaining({ ignored: ['CGO202'] }), errors: [] });
    expect(loader.load(path.join(ws, 'Dockerfile'), [ws])?.config.ignored).toEqual(['CGO101']);
    write('svc/.cgo-lens.yaml', 'ignored: [CGO203]\n');
    expect(loader.load(path.join(ws, 'svc/Dockerfile'), [ws])?.config.ignored).toEqual(['CGO203']);
  });

  it('never reads a config above the workspace folder', () => {
    fs.writeFileSync(path.join(tmp, '.cgo-lens.yaml'), 'ignored: [CGO101]\n');
    write('inner/Dockerfile', '');
    const inner = path.join(ws, 'inner');
    fs.rmSync(path.join(ws, '.cgo-lens.yaml'), { force: true });
    expect(new RepoConfigLoader().load(path.join(inner, 'Dockerfile'), [inner])).toBeUndefined();
    expect(new RepoConfigLoader().load(path.join(tmp, 'Dockerfile'), [ws])).toBeUndefined();
  });

  it('reports errors with ranges, and a config that links outside the folder is not used', () => {
    const dir = path.join(ws, 'bad');
    write('bad/.cgo-lens.yaml', 'ignored: [NOPE]\n');
    const r = new RepoConfigLoader().load(path.join(dir, 'Dockerfile'), [ws]);
    expect(r?.errors).toEqual([{ message: 'unknown rule "NOPE" in ignored', range: { start: { line: 0, character: 10 }, end: { line: 0, character: 14 } } }]);

    const out = path.join(tmp, 'outside.yaml');
    fs.writeFileSync(out, 'ignored: [CGO101]\n');
    const linkDir = path.join(ws, 'linked');
    fs.mkdirSync(linkDir, { recursive: true });
    fs.symlinkSync(out, path.join(linkDir, '.cgo-lens.yaml'));
    const l = new RepoConfigLoader().load(path.join(linkDir, 'Dockerfile'), [ws]);
    expect(l?.config.ignored).toEqual([]);
    expect(l?.errors[0]!.message).toMatch(/links outside the workspace folder/);
  });

  it('a symlink inside the folder is fine', () => {
    write('shared/base.yaml', 'ignored: [CGO205]\n');
    const dir = path.join(ws, 'inlink');
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join(ws, 'shared/base.yaml'), path.join(dir, '.cgo-lens.yaml'));
    expect(new RepoConfigLoader().load(path.join(dir, 'Dockerfile'), [ws])?.config.ignored).toEqual(['CGO205']);
  });

  it('refuses files over the size limit, and a directory named like the config is skipped', () => {
    write('big/.cgo-lens.yaml', `# ${'x'.repeat(300 * 1024)}\n`);
    const r = new RepoConfigLoader().load(path.join(ws, 'big/Dockerfile'), [ws]);
    expect(r?.errors[0]!.message).toMatch(/too large/);
    fs.mkdirSync(path.join(ws, 'dirname/.cgo-lens.yaml'), { recursive: true });
    write('dirname/.cgo-lens.yml', 'ignored: [CGO206]\n');
    expect(new RepoConfigLoader().load(path.join(ws, 'dirname/Dockerfile'), [ws])?.config.ignored).toEqual(['CGO206']);
  });

  it('strips a BOM', () => {
    write('bom/.cgo-lens.yaml', '\uFEFFignored: [CGO207]\n');
    expect(new RepoConfigLoader().load(path.join(ws, 'bom/Dockerfile'), [ws])).toMatchObject({ config: { ignored: ['CGO207'] }, errors: [] });
  });
});

describe('RepoConfigLoader (cache, fake fs)', () => {
  function fakeFs(files: Record<string, { text: string; mtimeMs: number }>) {
    let reads = 0;
    const fsLike: ConfigFs = {
      statSync: (p) => {
        const f = files[p];
        if (f) return { isFile: () => true, size: f.text.length, mtimeMs: f.mtimeMs };
        if (p === '/w' || p.startsWith('/w/')) return { isFile: () => false, size: 0, mtimeMs: 0 };
        throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
      },
      realpathSync: (p) => p,
      readFileSync: (p) => {
        reads++;
        const f = files[p];
        if (!f) throw new Error(`ENOENT: ${p}`);
        return f.text;
      },
    };
    return { fsLike, reads: () => reads };
  }

  it('re-reads only when mtime or size change', () => {
    const files = { '/w/.cgo-lens.yaml': { text: 'ignored: [CGO101]\n', mtimeMs: 1 } };
    const { fsLike, reads } = fakeFs(files);
    const loader = new RepoConfigLoader(fsLike);
    loader.load('/w/a/Dockerfile', ['/w']);
    loader.load('/w/b/Dockerfile', ['/w']);
    expect(reads()).toBe(1);
    files['/w/.cgo-lens.yaml'] = { text: 'ignored: [CGO202]\n', mtimeMs: 2 };
    expect(loader.load('/w/a/Dockerfile', ['/w'])?.config.ignored).toEqual(['CGO202']);
    expect(reads()).toBe(2);
    loader.clear();
    loader.load('/w/a/Dockerfile', ['/w']);
    expect(reads()).toBe(3);
  });

  it('turns read failures into errors instead of throwing', () => {
    const fsLike: ConfigFs = {
      statSync: () => ({ isFile: () => true, size: 10, mtimeMs: 1 }),
      realpathSync: (p) => p,
      readFileSync: () => {
        throw new Error('EACCES: permission denied');
      },
    };
    const r = new RepoConfigLoader(fsLike).load('/w/Dockerfile', ['/w']);
    expect(r?.file).toBe('/w/.cgo-lens.yaml');
    expect(r?.errors[0]!.message).toMatch(/cannot be read \(EACCES/);
  });
});
