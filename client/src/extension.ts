/**
 * The thin VS Code client: starts the bundled CGO Lens language server (dist/server.js) and adds commands, an
 * output channel and a status bar item. All analysis happens in the server; nothing from the workspace is ever
 * executed, so the extension runs in untrusted workspaces too.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DOCUMENT_SELECTOR } from './selectors';
import { RestartPolicy } from './restartPolicy';
import { ruleDocItems, ruleDocUrl } from './ruleDocs';
import { DISABLE_RULE_COMMAND, disableRuleArgs, rulesWithOff } from './disableRule';

const CLIENT_ID = 'cgoLens'; // also the prefix of `cgoLens.trace.server`
const CLIENT_NAME = 'CGO Lens';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };

  /**
   * Restart policy: when the server process dies it is restarted at most 4 times within 3 minutes (a sliding
   * window). The 5th crash inside that window stops it and tells the user, with buttons to open the output or
   * restart; "CGO Lens: Restart Language Server" always starts it again with a fresh budget. Connection errors
   * (failed reads/writes) are tolerated 3 times in a row before the connection is shut down, like the default.
   */
  const policy = new RestartPolicy(4, 3 * 60 * 1000);
  const errorHandler: ErrorHandler = {
    error(_error, _message, count): ErrorHandlerResult {
      return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed(): CloseHandlerResult {
      if (policy.allowRestart()) {
        output.warn('The CGO Lens language server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart, handled: true };
      }
      const message = `The ${CLIENT_NAME} language server crashed ${policy.maxRestarts + 1} times in the last 3 minutes and will not be restarted.`;
      output.error(message);
      void vscode.window.showErrorMessage(message, 'Show Output', 'Restart').then((choice) => {
        if (choice === 'Show Output') output.show(true);
        else if (choice === 'Restart') void vscode.commands.executeCommand('cgoLens.restartServer');
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [...DOCUMENT_SELECTOR],
    // Push `cgoLens.*` changes as workspace/didChangeConfiguration; the server then re-reads the (resource-scoped)
    // values with workspace/configuration.
    synchronize: { configurationSection: 'cgoLens' },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
  };

  const lc = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  client = lc;

  // ---- status bar -------------------------------------------------------------------------------------------
  const status = vscode.window.createStatusBarItem('cgoLens.status', vscode.StatusBarAlignment.Right, 100);
  status.name = `${CLIENT_NAME} Server Status`;
  status.command = 'cgoLens.showOutput';
  context.subscriptions.push(status);
  const render = (state: State) => {
    switch (state) {
      case State.Running:
        status.text = '$(check) CGO Lens';
        status.tooltip = 'CGO Lens language server is running. Click to show its output.';
        status.backgroundColor = undefined;
        break;
      case State.Starting:
        status.text = '$(sync~spin) CGO Lens';
        status.tooltip = 'CGO Lens language server is starting…';
        status.backgroundColor = undefined;
        break;
      default:
        status.text = '$(error) CGO Lens';
        status.tooltip = 'CGO Lens language server is stopped. Click to show its output; run "CGO Lens: Restart Language Server" to start it.';
        status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    }
    updateVisibility();
  };
  const updateVisibility = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const ours = doc !== undefined && vscode.languages.match([...DOCUMENT_SELECTOR], doc) > 0;
    // Shown on the files CGO Lens analyses, and always when the server is not running (so a crash is visible).
    if (ours || lc.state !== State.Running) status.show();
    else status.hide();
  };
  context.subscriptions.push(
    lc.onDidChangeState((e) => render(e.newState)),
    vscode.window.onDidChangeActiveTextEditor(updateVisibility),
  );
  render(State.Starting);

  // ---- commands -----------------------------------------------------------------------------------------------
  context.subscriptions.push(
    vscode.commands.registerCommand('cgoLens.restartServer', async () => {
      policy.reset();
      try {
        if (lc.state === State.Running) await lc.restart();
        else if (lc.state !== State.Starting) await lc.start();
        output.info('CGO Lens language server restarted.');
      } catch (err) {
        output.error(`Restarting the CGO Lens language server failed: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showErrorMessage('CGO Lens: the language server could not be restarted. See the output for details.');
      }
    }),
    vscode.commands.registerCommand('cgoLens.showOutput', () => output.show(true)),
    // "Disable CGO101 in settings" (a server code action): `cgoLens.rules.<ID>: off` in the workspace settings (user
    // settings when no folder is open), keeping the other rules listed at that level.
    vscode.commands.registerCommand(DISABLE_RULE_COMMAND, async (...args: unknown[]) => {
      const parsed = disableRuleArgs(args);
      if (!parsed) return;
      const resource = parsed.uri ? vscode.Uri.parse(parsed.uri) : undefined;
      const config = vscode.workspace.getConfiguration('cgoLens', resource);
      const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
      const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      const levels = config.inspect<Record<string, unknown>>('rules');
      const current = inWorkspace ? levels?.workspaceValue : levels?.globalValue;
      try {
        await config.update('rules', rulesWithOff(current, parsed.id), target);
        output.info(`${parsed.id} disabled in the ${inWorkspace ? 'workspace' : 'user'} settings (cgoLens.rules).`);
      } catch (err) {
        output.error(`Could not disable ${parsed.id}: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showErrorMessage(`CGO Lens: could not disable ${parsed.id} in the settings. See the output for details.`);
      }
    }),
    vscode.commands.registerCommand('cgoLens.showRuleDocumentation', async (arg?: unknown) => {
      let url = ruleDocUrl(arg);
      if (!url) {
        const picked = await vscode.window.showQuickPick(ruleDocItems(), {
          title: 'CGO Lens: Show Rule Documentation',
          placeHolder: 'Pick a rule to open its documentation',
          matchOnDescription: true,
          matchOnDetail: true,
        });
        url = picked?.url;
      }
      if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
  );

  try {
    await lc.start();
  } catch (err) {
    output.error(`The CGO Lens language server failed to start: ${err instanceof Error ? err.message : String(err)}`);
    render(State.Stopped);
  }
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && (c.state === State.Running || c.state === State.Starting)) await c.stop().catch(() => undefined);
}
