/**
 * Who may talk to main over IPC (checklist item 17; CONVENTIONS habit 4, the
 * first of the two checks): a message counts only when it comes from the top
 * frame of a window main created for that purpose, showing that window's own
 * page. Anything else (a frame inside the page, a window we did not create, a
 * page that navigated elsewhere, a frame already gone) is dropped, as fiddle's
 * IPC gateway drops messages from windows it does not know.
 */
import { appOrigin, isAppUrl, originOf, type AppPage } from './app-origin';

export interface SenderInfo {
  webContentsId: number;
  /** event.senderFrame; null once the frame has navigated or been destroyed. */
  frame: { url: string; isMainFrame: boolean } | null;
}

export interface TrustedSenders {
  /** webContents ids of the windows created for `page`. */
  webContentsIds: ReadonlySet<number>;
  page: AppPage;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(sender: SenderInfo, trusted: TrustedSenders): SenderVerdict {
  if (!trusted.webContentsIds.has(sender.webContentsId)) return { ok: false, reason: `webContents ${sender.webContentsId} is not a ${trusted.page} window` };
  if (!sender.frame) return { ok: false, reason: 'the sending frame is gone' };
  if (!sender.frame.isMainFrame) return { ok: false, reason: 'a sub-frame may not call the studio' };
  if (!isAppUrl(sender.frame.url, trusted.page)) return { ok: false, reason: `${originOf(sender.frame.url) ?? 'an unknown origin'} is not ${appOrigin(trusted.page)}` };
  return { ok: true };
}
