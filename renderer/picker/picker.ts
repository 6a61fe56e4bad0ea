/**
 * The screen/window picker page (app://picker). Plain DOM, no framework: it
 * shows what main offers through `window.picker` (preload/picker.ts) and sends
 * back one choice. It has no studio API and no permissions of its own.
 */
import type { CaptureSource, PickerPreload } from '../../preload/contract/capture-picker';

declare global {
  interface Window {
    picker?: PickerPreload;
  }
}

const byId = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`picker page has no #${id}`);
  return el as T;
};

async function start(picker: PickerPreload): Promise<void> {
  const request = await picker.request();
  const share = byId<HTMLButtonElement>('share');
  const audio = byId<HTMLInputElement>('system-audio');
  byId('audio-option').hidden = !request.systemAudioOffered;
  byId('status').textContent = request.sources.length === 0 ? 'No screen or window can be captured right now.' : 'Pick one, then Share.';
  let chosen: string | null = null;
  const buttons: HTMLButtonElement[] = [];
  const choose = (id: string) => {
    chosen = id;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.id === id));
    share.disabled = false;
  };
  const send = () => {
    if (chosen) picker.choose({ sourceId: chosen, systemAudio: request.systemAudioOffered && audio.checked });
  };
  for (const source of request.sources) {
    const button = card(source);
    button.addEventListener('click', () => choose(source.id));
    button.addEventListener('dblclick', () => {
      choose(source.id);
      send();
    });
    buttons.push(button);
    const li = document.createElement('li');
    li.append(button);
    byId(source.kind === 'screen' ? 'screens' : 'windows').append(li);
  }
  share.addEventListener('click', send);
  byId('cancel').addEventListener('click', () => picker.choose(null));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') picker.choose(null);
  });
}

/** One source as a button; text goes in as text (window titles are not ours to trust). */
function card(source: CaptureSource): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.id = source.id;
  button.setAttribute('aria-pressed', 'false');
  const thumb = document.createElement('img');
  thumb.className = 'thumb';
  thumb.alt = '';
  thumb.src = source.thumbnail;
  const name = document.createElement('span');
  name.className = 'name';
  if (source.appIcon) {
    const icon = document.createElement('img');
    icon.className = 'icon';
    icon.alt = '';
    icon.src = source.appIcon;
    name.append(icon);
  }
  name.append(document.createTextNode(source.name));
  button.title = source.name;
  button.append(thumb, name);
  return button;
}

document.addEventListener('DOMContentLoaded', () => {
  const picker = window.picker;
  if (!picker) {
    byId('status').textContent = 'This page works only inside OnAir Studio.';
    return;
  }
  start(picker).catch((err: Error) => {
    byId('status').textContent = `The picker could not start: ${err.message}`;
  });
});
