import { describe, expect, it } from 'vitest';
import { explainCapabilities, hoverFormat } from '../../../server/src/lsp/explainHandlers';

describe('LSP explain handlers: negotiation', () => {
  it('hover format follows textDocument.hover.contentFormat (first supported entry wins)', () => {
    expect(hoverFormat({ textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] } } })).toBe('markdown');
    expect(hoverFormat({ textDocument: { hover: { contentFormat: ['plaintext', 'markdown'] } } })).toBe('plaintext');
    expect(hoverFormat({ textDocument: { hover: { contentFormat: ['plaintext'] } } })).toBe('plaintext');
    // No statement: plain text is what every client renders.
    expect(hoverFormat({ textDocument: { hover: {} } })).toBe('plaintext');
    expect(hoverFormat({})).toBe('plaintext');
    expect(hoverFormat(undefined)).toBe('plaintext');
    expect(hoverFormat({ textDocument: { hover: { contentFormat: 'markdown' as never } } })).toBe('plaintext');
  });

  it('advertises hover and non-resolving inlay hints', () => {
    expect(explainCapabilities()).toEqual({ hoverProvider: true, inlayHintProvider: { resolveProvider: false } });
  });
});
