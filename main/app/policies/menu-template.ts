/**
 * The application menu, as a template built from plain handlers. Roles give the
 * platform's standard items (Edit menu shortcuts matter on macOS: without them
 * copy and paste do nothing in text fields). DevTools and Reload appear only in
 * development: in a packaged app a reload is a crash-recovery action, not a menu item.
 */
import type { MenuItemConstructorOptions } from 'electron';

export type MenuCommand =
  | 'about'
  | 'import-collection'
  | 'export-collection'
  | 'toggle-live'
  | 'toggle-record'
  | 'transition'
  | 'copy-diagnostics'
  | 'open-log-folder'
  | 'open-data-folder'
  | 'quit';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  isPackaged: boolean;
  run: (command: MenuCommand) => void;
}

export function appMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => o.run(command),
    ...(accelerator ? { accelerator } : {}),
  });
  const about = item(`About ${o.appName}`, 'about');
  // Quit goes through our own handler (quit-guard), not role 'quit', so on-air confirmation always applies.
  const quit = item(mac ? `Quit ${o.appName}` : 'Quit', 'quit', 'CommandOrControl+Q');

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: o.appName,
      submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit],
    });
  }
  template.push({
    label: 'File',
    submenu: [
      item('Import Scene Collection…', 'import-collection', 'CommandOrControl+O'),
      item('Export Scene Collection…', 'export-collection', 'CommandOrControl+Shift+S'),
      ...(mac ? [] : [{ type: 'separator' } as const, quit]),
    ],
  });
  template.push({ role: 'editMenu' });
  template.push({
    label: 'Studio',
    submenu: [item('Go Live / Stop Streaming', 'toggle-live'), item('Start / Stop Recording', 'toggle-record'), item('Transition', 'transition')],
  });
  template.push({
    label: 'View',
    submenu: [
      ...(o.isPackaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [
      ...(mac ? [] : [about, { type: 'separator' } as const]),
      item('Copy Diagnostics', 'copy-diagnostics'),
      item('Open Log Folder', 'open-log-folder'),
      item('Open Data Folder', 'open-data-folder'),
    ],
  });
  return template;
}
