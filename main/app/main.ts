/**
 * The desktop app's composition root: Electron's lifecycle, wired by hand
 * (CONVENTIONS habit 8). It decides nothing itself: policies/ decide, the Studio
 * and the engine run the show, and the modules here connect them to Electron.
 *
 * Lifecycle: (top level, before 'ready') privileged app:// scheme, sandbox for
 * every renderer, data folder, single-instance lock, launch events ->
 * (ready) log file, Studio, security handlers, IPC gateway, window, menu, tray,
 * hotkeys -> (before-quit) confirm when on air, close the Studio, exit.
 */
import { BrowserWindow, app, dialog, globalShortcut, ipcMain, protocol, session, shell } from 'electron';
import path from 'node:path';
import type { HotkeyAction } from '../../preload/contract/model';
import { createLogger, stderrSink, type LogLevel } from '../engine/logger';
import { ProcessRegistry } from '../engine/process/process-registry';
import { SecretRegistry } from '../engine/redact';
import { startRemoteControl, type RemoteControl } from '../remote/remote-control';
import { resolveDataDir } from '../studio/persistence/data-dir';
import { requestMedia } from '../studio/studio-broadcast';
import { installCapturePicker } from './capture-picker';
import { CollectionFiles } from './collection-files';
import { Diagnostics } from './diagnostics';
import { GlobalHotkeys } from './hotkeys';
import { IpcGateway } from './ipc';
import { LiveGuard } from './live-guard';
import { RotatingLogFile, teeSink } from './log-file';
import { installAppMenu } from './menu';
import { openStudio, type StartupNotice } from './open-studio';
import { APP_SCHEME } from './policies/app-origin';
import { appPaths } from './policies/app-paths';
import { PROTOCOL_SCHEME, launchRequests, parseProtocolUrl, type LaunchRequest } from './policies/launch-args';
import { beforeQuitDecision, quitConfirmation, windowCloseDecision, type QuitPhase } from './policies/quit-guard';
import { hardenContents, installSessionPolicies, serveAppProtocol } from './security';
import { runStudioAction } from './studio-actions';
import { createStudioWindow } from './studio-window';
import { StudioTray } from './tray';
import { WindowStateKeeper } from './window-state';

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error'];

// ---- before 'ready' (an ESM main's top level runs before Electron emits it) ----

// app:// is a secure, standard scheme: pages get a real origin, fetch, and a secure context (getUserMedia).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true } }]);
app.enableSandbox();
// One data folder for the app, browser mode and the CLI (ONAIR_DATA_DIR or the OS's per-user place).
app.setPath('userData', resolveDataDir());
app.setAppLogsPath();
// Global hotkeys on Wayland go through the desktop portal; harmless on X11.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');

const pendingLaunches: LaunchRequest[] = launchRequests(process.argv, process.cwd());
let handleLaunch: (requests: LaunchRequest[]) => void = (requests) => pendingLaunches.push(...requests);
app.on('open-file', (event, file) => {
  event.preventDefault();
  handleLaunch([{ kind: 'import', file }]);
});
app.on('open-url', (event, url) => {
  event.preventDefault();
  const request = parseProtocolUrl(url);
  if (request) handleLaunch([request]);
});

if (!app.requestSingleInstanceLock()) {
  // Another OnAir Studio runs: it got our argv through 'second-instance' and comes to the front.
  app.quit();
} else {
  void main().catch((err: Error) => {
    dialog.showErrorBox('OnAir Studio could not start', err.stack ?? err.message);
    app.exit(1);
  });
}

async function main(): Promise<void> {
  await app.whenReady();
  const paths = appPaths({ appPath: app.getAppPath(), isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, platform: process.platform });
  const dataDir = app.getPath('userData');
  const secrets = new SecretRegistry();
  const redact = (text: string) => secrets.redact(text);
  const logFile = new RotatingLogFile(app.getPath('logs'));
  const levelEnv = process.env.ONAIR_LOG_LEVEL as LogLevel | undefined;
  const logger = createLogger('app', { level: levelEnv && LOG_LEVELS.includes(levelEnv) ? levelEnv : 'info', sink: teeSink(logFile.sink, stderrSink), redact });
  logger.info(`OnAir Studio ${app.getVersion()} (Electron ${process.versions.electron}) starting; data in ${dataDir}`);
  const registry = new ProcessRegistry(logger.child('process'), redact);

  // Security first: no window exists until every handler is in place.
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, logger.child('security')));
  installSessionPolicies(session.defaultSession, logger.child('security'));
  serveAppProtocol(session.defaultSession, { studio: paths.studioPage, picker: paths.pickerPage }, logger.child('protocol'));

  const { studio, notices, secretStorage } = await openStudio({ paths, dataDir, logger, registry, secrets });
  let win: BrowserWindow | null = null;
  const devTools = !app.isPackaged;
  const currentWindow = () => (win && !win.isDestroyed() ? win : null);
  const showWindow = () => {
    const w = currentWindow();
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  };
  const runAction = (action: HotkeyAction) => void runStudioAction(studio, action, logger, redact);

  // Notices raised before the page listens (startup problems, refused hotkeys) wait for it, then are shown once.
  const queued: StartupNotice[] = [...notices];
  let pageListens = false;
  const notify = (level: StartupNotice['level'], message: string, code?: string) => {
    if (pageListens) studio.notice(level, message, code);
    else queued.push(code ? { level, message, code } : { level, message });
  };
  const gateway = new IpcGateway({
    ipcMain,
    studio,
    logger: logger.child('ipc'),
    redact,
    onSubscribed: (event) => {
      // A (re)loaded compositor learns at once whether to send program media.
      if (event === 'mediaRequest') requestMedia(studio);
      if (event !== 'notice') return;
      pageListens = true;
      for (const n of queued.splice(0)) studio.notice(n.level, n.message, n.code);
    },
  });
  gateway.register();
  installCapturePicker(session.defaultSession, { preload: paths.pickerPreload, devTools, parent: currentWindow, logger: logger.child('capture') });

  const diagnostics = new Diagnostics({ studio, logFile, redact, secretStorage, dataDir });
  const files = new CollectionFiles({ studio, window: currentWindow, logger, redact });
  const liveGuard = new LiveGuard(logger.child('live'));
  const hotkeys = new GlobalHotkeys(globalShortcut, runAction, (m) => notify('warning', m, 'HOTKEY'), logger.child('hotkeys'));
  // Focus moving between two of our windows gives blur then focus: both events land, in that order.
  app.on('browser-window-focus', () => hotkeys.setAppFocused(true));
  app.on('browser-window-blur', () => hotkeys.setAppFocused(BrowserWindow.getFocusedWindow() !== null));
  const tray = new StudioTray(paths.iconsDir, process.platform, (command) => {
    if (command === 'show-window') showWindow();
    else if (command === 'quit') app.quit();
    else runAction(command);
  });
  const remote: RemoteControl | null = await startRemoteControl({ studio, logger: logger.child('remote'), allowedOrigins: [], portOverride: null, passwordOverride: null }).catch((err: Error) => {
    notify('warning', `Remote control (obs-websocket) did not start: ${err.message}`, 'REMOTE_FAILED');
    return null;
  });

  installAppMenu({
    platform: process.platform,
    appName: app.getName(),
    isPackaged: app.isPackaged,
    run: (command) => {
      const failed = (err: Error) => studio.notice('error', err.message);
      switch (command) {
        case 'about':
          return void diagnostics.showAbout(currentWindow()).catch(failed);
        case 'import-collection':
          return void files.importViaDialog().catch(failed);
        case 'export-collection':
          return void files.exportViaDialog().catch(failed);
        case 'toggle-live':
        case 'toggle-record':
        case 'transition':
          return runAction(command);
        case 'copy-diagnostics':
          return void diagnostics.copy().then(() => studio.notice('info', 'Diagnostics copied to the clipboard (stream keys removed).'), failed);
        case 'open-log-folder':
          return void shell.openPath(path.dirname(logFile.file));
        case 'open-data-folder':
          return void shell.openPath(dataDir);
        case 'quit':
          return app.quit();
      }
    },
  });

  const applyState = () => {
    const state = studio.state();
    liveGuard.apply(state.live, currentWindow());
    tray.update(state.live);
    hotkeys.apply(state.settings.hotkeys);
  };
  studio.on('state', applyState);
  studio.on('health', (h) => diagnostics.recordHealth(h));

  // ---- quitting ----
  let phase: QuitPhase = 'running';
  const shutdown = async () => {
    phase = 'shutting-down';
    try {
      hotkeys.dispose();
      remote?.notifyExit();
      await remote?.stop();
      await studio.close();
      await registry.stopAll();
    } catch (err) {
      logger.error(`shutdown: ${(err as Error).message}`);
    } finally {
      liveGuard.dispose();
      gateway.dispose();
      tray.destroy();
      logger.info('OnAir Studio stopped');
      logFile.close();
      phase = 'exiting';
      app.quit();
    }
  };
  app.on('before-quit', (event) => {
    const answer = beforeQuitDecision(phase, studio.liveStatus);
    if (answer === 'allow') return;
    event.preventDefault();
    if (answer === 'shutdown') void shutdown();
    if (answer !== 'ask') return;
    phase = 'confirming';
    const c = quitConfirmation(studio.liveStatus);
    const w = currentWindow();
    const box = { type: 'warning' as const, message: c.message, detail: c.detail, buttons: c.buttons, defaultId: c.defaultId, cancelId: c.cancelId };
    void (w ? dialog.showMessageBox(w, box) : dialog.showMessageBox(box)).then(({ response }) => {
      phase = 'running';
      if (response === c.quitButton) void shutdown();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => showWindow());

  // ---- launches ----
  app.on('second-instance', (_event, argv, workingDirectory) => {
    showWindow();
    handleLaunch(launchRequests(argv, workingDirectory));
  });
  handleLaunch = (requests) => {
    for (const request of requests) {
      if (request.kind === 'focus') showWindow();
      else void files.importFile(request.file, true);
    }
  };
  // Windows learns of onair:// from the registry entry this writes; macOS and Linux from the package.
  if (app.isPackaged && process.platform === 'win32') app.setAsDefaultProtocolClient(PROTOCOL_SCHEME);

  // ---- the window ----
  win = await createStudioWindow({
    preload: paths.studioPreload,
    icon: process.platform === 'darwin' ? undefined : path.join(paths.iconsDir, '512x512.png'),
    devTools,
    windowState: new WindowStateKeeper(dataDir, logger.child('window')),
    logger: logger.child('window'),
    producerGone: () => studio.producerGone(),
    quit: () => app.quit(),
    beforeLoad: (created) => {
      win = created;
      gateway.attach(created.webContents);
      created.on('close', (event) => {
        const decision = windowCloseDecision(phase, process.platform);
        if (decision === 'close') return;
        event.preventDefault();
        if (decision === 'hide') created.hide();
        else app.quit();
      });
    },
  });
  applyState();
  handleLaunch(pendingLaunches.splice(0));
}
