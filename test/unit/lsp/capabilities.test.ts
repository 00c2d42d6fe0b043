import { describe, expect, it } from 'vitest';
import { clientFeatures, serverCapabilities } from '../../../server/src/lsp/capabilities';
import { pullCapabilities, pushOnlyCapabilities } from '../../lsp/harness';

describe('clientFeatures', () => {
  it('Neovim 0.7-like client: push, defaults, literal code actions', () => {
    expect(clientFeatures(pushOnlyCapabilities())).toEqual({
      pullDiagnostics: false,
      diagnosticRefresh: false,
      relatedInformation: true,
      codeDescription: true,
      unnecessaryTag: true,
      configuration: false,
      codeActionLiterals: true,
      documentChanges: false,
      applyEdit: true,
      watchedFiles: false,
      workspaceFolders: true,
    });
  });

  it('VS Code-like client: pull, configuration, documentChanges, refresh', () => {
    expect(clientFeatures(pullCapabilities())).toMatchObject({
      pullDiagnostics: true,
      diagnosticRefresh: true,
      configuration: true,
      documentChanges: true,
      relatedInformation: true,
      codeDescription: true,
    });
  });

  it('pull clients get related info and code descriptions unless they say otherwise', () => {
    const f = clientFeatures({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    expect(f).toMatchObject({ pullDiagnostics: true, relatedInformation: true, codeDescription: true, unnecessaryTag: false });
    const off = clientFeatures({ textDocument: { diagnostic: { relatedInformation: false }, publishDiagnostics: { relatedInformation: true } } });
    expect(off.relatedInformation).toBe(false);
    const viaPush = clientFeatures({ textDocument: { diagnostic: {}, publishDiagnostics: { codeDescriptionSupport: false } } });
    expect(viaPush.codeDescription).toBe(false);
  });

  it('push clients get only what publishDiagnostics lists', () => {
    expect(clientFeatures({ textDocument: { publishDiagnostics: {} } })).toMatchObject({ relatedInformation: false, codeDescription: false, unnecessaryTag: false });
    expect(clientFeatures({ textDocument: { publishDiagnostics: { tagSupport: { valueSet: [2] } } } }).unnecessaryTag).toBe(false);
  });

  it('dynamic watched-file registration only when the client offers it', () => {
    expect(clientFeatures({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }).watchedFiles).toBe(true);
    expect(clientFeatures({ workspace: { didChangeWatchedFiles: { dynamicRegistration: false } } }).watchedFiles).toBe(false);
    expect(clientFeatures({ workspace: { didChangeWatchedFiles: {} } }).watchedFiles).toBe(false);
  });

  it('survives missing or garbage capabilities', () => {
    for (const caps of [undefined, null, {}, { textDocument: 'x' }, { workspace: [] }] as unknown[]) {
      const f = clientFeatures(caps as never);
      expect(f.pullDiagnostics).toBe(false);
      expect(f.configuration).toBe(false);
    }
  });
});

describe('serverCapabilities', () => {
  it('push client: incremental sync, code actions with kinds, the applyFix command, no diagnostic provider', () => {
    const caps = serverCapabilities(clientFeatures(pushOnlyCapabilities()));
    expect(caps).toEqual({
      textDocumentSync: { openClose: true, change: 2 },
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.cgo-lens'], resolveProvider: false },
      executeCommandProvider: { commands: ['cgoLens.applyFix'] },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    });
  });

  it('never claims cgoLens.disableRule (the VS Code client registers it; a server claim would clash with it)', () => {
    for (const caps of [pushOnlyCapabilities(), pullCapabilities()]) {
      expect(serverCapabilities(clientFeatures(caps)).executeCommandProvider).toEqual({ commands: ['cgoLens.applyFix'] });
    }
  });

  it('no workspace folder support: no workspace capability', () => {
    const caps = pushOnlyCapabilities();
    delete caps.workspace!.workspaceFolders;
    expect(serverCapabilities(clientFeatures(caps)).workspace).toBeUndefined();
  });

  it('pull client: the cgo-lens diagnostic provider with inter-file dependencies', () => {
    expect(serverCapabilities(clientFeatures(pullCapabilities())).diagnosticProvider).toEqual({
      identifier: 'cgo-lens',
      interFileDependencies: true,
      workspaceDiagnostics: false,
    });
  });
});
