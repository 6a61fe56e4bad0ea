/** Installs the application menu built by policies/menu-template.ts. */
import { Menu } from 'electron';
import { appMenuTemplate, type MenuOptions } from './policies/menu-template';

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
