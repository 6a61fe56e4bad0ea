/**
 * Scene collections as files (*.onairscenes): export and import from the File
 * menu, and imports asked for by a launch (file association, onair:// link).
 * An import replaces the current scenes, so it is always confirmed first; the
 * file's contents are then checked by the Studio's importCollection like any
 * other contract call.
 */
import { dialog, type BrowserWindow } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StudioApi } from '../../preload/contract';
import type { Logger } from '../engine/logger';
import { dispatchCall } from './ipc-dispatch';
import { COLLECTION_EXTENSION } from './policies/launch-args';

/** Larger than any real collection; the contract's own cap on importCollection's json. */
export const MAX_COLLECTION_FILE_BYTES = 50_000_000;
const FILTERS = [{ name: 'OnAir Studio scene collection', extensions: [COLLECTION_EXTENSION.slice(1)] }];

export interface CollectionFilesDeps {
  studio: { api: StudioApi; notice(level: 'info' | 'warning' | 'error', message: string, code?: string): void };
  window: () => BrowserWindow | null;
  logger: Logger;
  redact: (text: string) => string;
}

export class CollectionFiles {
  constructor(private readonly deps: CollectionFilesDeps) {}

  async exportViaDialog(): Promise<void> {
    const { json } = await this.deps.studio.api.exportCollection({});
    const name = (JSON.parse(json) as { collection?: { name?: string } }).collection?.name ?? 'Scenes';
    const options = { title: 'Export scene collection', defaultPath: `${name.replace(/[/\\:*?"<>|]/g, '_')}${COLLECTION_EXTENSION}`, filters: FILTERS };
    const win = this.deps.window();
    const result = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options));
    if (result.canceled || !result.filePath) return;
    await writeFile(result.filePath, json, 'utf8');
    this.deps.studio.notice('info', `Scene collection exported to ${result.filePath}.`);
  }

  async importViaDialog(): Promise<void> {
    const options = { title: 'Import scene collection', filters: FILTERS, properties: ['openFile' as const] };
    const win = this.deps.window();
    const result = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
    const file = result.filePaths[0];
    if (!result.canceled && file) await this.importFile(file, false);
  }

  /** `confirm`: ask first (always for launches: a link must not replace scenes by itself). */
  async importFile(file: string, confirm = true): Promise<void> {
    if (confirm && !(await this.confirmImport(file))) return;
    try {
      const size = (await stat(file)).size;
      if (size > MAX_COLLECTION_FILE_BYTES) throw new Error(`it is ${Math.round(size / 1e6)} MB; a scene collection is far smaller`);
      const json = await readFile(file, 'utf8');
      const reply = await dispatchCall(this.deps.studio.api, 'importCollection', { json }, this.deps);
      if (!reply.ok) throw new Error(reply.error.message);
      this.deps.studio.notice('info', `Scene collection imported from ${path.basename(file)}.`);
    } catch (err) {
      this.deps.studio.notice('error', `${path.basename(file)} could not be imported: ${(err as Error).message}`, 'IMPORT_FAILED');
    }
  }

  private async confirmImport(file: string): Promise<boolean> {
    const options = {
      type: 'question' as const,
      message: `Import the scene collection ${path.basename(file)}?`,
      detail: `It replaces your current scenes and sources. Export them first (File → Export Scene Collection) to keep a copy.\n\n${file}`,
      buttons: ['Import', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    };
    const win = this.deps.window();
    const { response } = await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    return response === 0;
  }
}
