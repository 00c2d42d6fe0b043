import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../server/src/config/settings';
import { dockerfile, engineErrors, getService, URI } from './helpers';

afterAll(() => expect(engineErrors).toEqual([]));

const TEXT = dockerfile('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch', 'COPY --from=build /out/app /app');
const GO = { line: 1, character: 5 };
const ALL = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

describe('service façade: hover, inlay hints, cache', () => {
  it('hover returns Markdown or plain text with the hovered range', async () => {
    const s = await getService();
    const doc = { uri: `${URI}.a`, text: TEXT, languageId: 'dockerfile' };
    const md = s.hover(doc, GO, defaultSettings(), 'markdown')!;
    expect(md.kind).toBe('markdown');
    expect(md.value.split('\n')[0]).toBe('**`go build`** (line 2) — `CGO_ENABLED=1` · dynamic glibc ≥ 2.34');
    expect(md.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 12 } });
    const plain = s.hover(doc, GO, defaultSettings(), 'plaintext')!;
    expect(plain.kind).toBe('plaintext');
    expect(plain.value.split('\n')[0]).toBe('go build (line 2) — CGO_ENABLED=1 · dynamic glibc ≥ 2.34');
    expect(s.hover(doc, { line: 0, character: 0 }, defaultSettings(), 'markdown')?.value).toMatch(/^\*\*`FROM golang:1\.22`\*\*/);
  });

  it('parses once per document text: hover and inlay hints reuse the cached analysis until the text or settings change', async () => {
    const s = await getService();
    const spy = vi.spyOn(s, 'analyze');
    try {
      const doc = { uri: `${URI}.b`, text: TEXT, languageId: 'dockerfile' };
      s.hover(doc, GO, defaultSettings(), 'markdown');
      s.hover(doc, { line: 3, character: 2 }, defaultSettings(), 'markdown');
      s.inlayHints(doc, ALL, defaultSettings());
      expect(spy).toHaveBeenCalledTimes(1);
      s.inlayHints({ ...doc, text: TEXT.replace('go build', 'CGO_ENABLED=0 go build') }, ALL, defaultSettings());
      expect(spy).toHaveBeenCalledTimes(2);
      s.inlayHints({ ...doc, text: TEXT.replace('go build', 'CGO_ENABLED=0 go build') }, ALL, { ...defaultSettings(), rules: { CGO202: 'off' } });
      expect(spy).toHaveBeenCalledTimes(3);
      s.forget(doc.uri);
      s.inlayHints({ ...doc, text: TEXT.replace('go build', 'CGO_ENABLED=0 go build') }, ALL, { ...defaultSettings(), rules: { CGO202: 'off' } });
      expect(spy).toHaveBeenCalledTimes(4);
    } finally {
      spy.mockRestore();
    }
  });

  it('inlay hints honour cgoLens.inlayHints.enable', async () => {
    const s = await getService();
    const doc = { uri: `${URI}.c`, text: TEXT, languageId: 'dockerfile' };
    expect(s.inlayHints(doc, ALL, defaultSettings()).map((h) => h.label)).toEqual(['glibc 2.36', 'CGO_ENABLED=1 · dynamic glibc ≥ 2.34', 'no libc']);
    expect(s.inlayHints(doc, ALL, { ...defaultSettings(), inlayHints: { enable: false } })).toEqual([]);
  });

  it('files that are not analysed give no hover and no hints', async () => {
    const s = await getService();
    const doc = { uri: 'file:///work/notes.txt', text: 'CGO_ENABLED=0 go build', languageId: 'plaintext' };
    expect(s.hover(doc, { line: 0, character: 2 }, defaultSettings(), 'markdown')).toBeUndefined();
    expect(s.inlayHints(doc, ALL, defaultSettings())).toEqual([]);
    expect(s.hover({ ...doc, uri: `${URI}.d`, languageId: 'dockerfile' }, GO, { ...defaultSettings(), enable: false }, 'markdown')).toBeUndefined();
  });
});
