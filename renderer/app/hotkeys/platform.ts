/** Which platform's keys this window has: CommandOrControl is Cmd on macOS, Ctrl elsewhere. */
import type { KeyPlatform } from '../../../preload/contract/hotkeys';

export function keyPlatform(nav: Pick<Navigator, 'platform' | 'userAgent'> = navigator): KeyPlatform {
  return /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent) ? 'mac' : 'other';
}
