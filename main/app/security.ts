/**
 * Where the security policies meet Electron (checklist items 5, 12, 13, 14, 15,
 * 18, and "no remote content"). Every decision is made by a pure policy in
 * policies/; this file only installs the handlers that ask them and logs each
 * refusal with its reason.
 */
import { shell, type Session, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import type { Logger } from '../engine/logger';
import { APP_SCHEME, appPageOf, type AppPage } from './policies/app-origin';
import { appResponseHeaders, resolveAppAsset, type PageRoots } from './policies/app-protocol';
import { isRemoteRequest, navigationDecision, windowOpenDecision, type NavigationDecision } from './policies/navigation-policy';
import { permissionCheckDecision, permissionRequestDecision } from './policies/permission-policy';

/** Serve app://onair and app://picker from their build folders, with the CSP header. */
export function serveAppProtocol(session: Session, roots: PageRoots, logger: Logger): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    const decision = resolveAppAsset(request.url, roots);
    if (!decision.ok) {
      logger.warn(`app protocol: ${decision.status} for ${request.url}: ${decision.reason}`);
      return new Response(null, { status: decision.status });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    try {
      const body = await readFile(decision.filePath);
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(decision.page, decision.contentType) });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

/** Permissions, and a last line against remote content below the CSP. */
export function installSessionPolicies(session: Session, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const verdict = permissionRequestDecision({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      ...('mediaTypes' in details && details.mediaTypes ? { mediaTypes: details.mediaTypes } : {}),
      ...('securityOrigin' in details && details.securityOrigin ? { securityOrigin: details.securityOrigin } : {}),
    });
    if (!verdict.granted) logger.warn(`permission refused: ${permission}: ${verdict.reason}`);
    callback(verdict.granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permissionCheckDecision({
      permission,
      requestingOrigin,
      isMainFrame: details.isMainFrame,
      ...(details.mediaType ? { mediaType: details.mediaType } : {}),
      ...(details.securityOrigin ? { securityOrigin: details.securityOrigin } : {}),
    }),
  );
  // No device chooser exists in the studio: deny HID, serial, USB and Bluetooth device access outright.
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (details, callback) => {
    const cancel = isRemoteRequest(details.url);
    if (cancel) logger.warn(`blocked a remote request from a window: ${details.url.slice(0, 200)}`);
    callback({ cancel });
  });
}

/**
 * Every webContents the app creates: navigation kept to its own page, no new
 * windows (web links go to the system browser after the policy's check), no
 * <webview>. Installed from app 'web-contents-created', so no window escapes it.
 */
export function hardenContents(contents: WebContents, logger: Logger): void {
  const pageOf = (): AppPage | null => appPageOf(contents.getURL()) ?? null;
  /** `external`: a refused web link may go to the system browser (top-level navigations only, so it opens once). */
  const guard = (kind: string, external: boolean) => (event: { preventDefault(): void; url: string }) => {
    // Before the first load getURL() is empty: the only allowed first load is one of our pages.
    const page = pageOf() ?? appPageOf(event.url);
    const decision: NavigationDecision = page ? navigationDecision(event.url, page) : { action: 'deny', openExternally: null, reason: 'not an app page' };
    if (decision.action === 'allow') return;
    event.preventDefault();
    logger.warn(`${kind} refused: ${event.url.slice(0, 200)}: ${decision.reason}`);
    if (external && decision.openExternally) void shell.openExternal(decision.openExternally).catch(() => undefined);
  };
  const topLevel = guard('navigation', true);
  const inFrame = guard('frame navigation', false);
  contents.on('will-navigate', topLevel);
  // will-frame-navigate fires for the main frame too; will-navigate already handled that one.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) inFrame(event);
  });
  contents.on('will-redirect', guard('redirect', false));
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    logger.info(`new window refused: ${url.slice(0, 200)}: ${decision.reason}`);
    if (decision.openExternally) void shell.openExternal(decision.openExternally).catch(() => undefined);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('a <webview> was refused: the studio never uses one');
  });
}
