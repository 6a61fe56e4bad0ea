/**
 * The tray icon: live status at a glance (the icon turns red on air, the tooltip
 * and first menu line say what is happening) and Go Live/Stop and Record without
 * opening the window. The menu comes from policies/tray-model.ts.
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import path from 'node:path';
import type { LiveState } from '../../preload/contract/model';
import { trayModel, type TrayCommand } from './policies/tray-model';

export class StudioTray {
  private readonly tray: Tray;
  private readonly icons: Record<'idle' | 'live', NativeImage>;
  private lastModel = '';

  constructor(iconsDir: string, platform: NodeJS.Platform, private readonly run: (command: TrayCommand) => void) {
    // macOS menu bar icons are "template" images (black + alpha) that the OS tints for light and dark bars.
    const idle = nativeImage.createFromPath(path.join(iconsDir, platform === 'darwin' ? 'trayTemplate.png' : 'tray-idle.png'));
    if (platform === 'darwin') idle.setTemplateImage(true);
    this.icons = { idle, live: nativeImage.createFromPath(path.join(iconsDir, 'tray-live.png')) };
    this.tray = new Tray(idle);
  }

  update(live: Pick<LiveState, 'streaming' | 'recording'>): void {
    const model = trayModel(live);
    const key = JSON.stringify(model);
    if (key === this.lastModel) return;
    this.lastModel = key;
    this.tray.setImage(this.icons[model.icon]);
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(
      Menu.buildFromTemplate(
        model.items.map((item) =>
          item.separator
            ? { type: 'separator' as const }
            : { label: item.label, enabled: item.enabled, ...(item.command ? { click: () => this.run(item.command as TrayCommand) } : {}) },
        ),
      ),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}
