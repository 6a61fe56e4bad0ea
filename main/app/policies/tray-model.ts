/**
 * The tray icon's state and menu, from the live state alone, so the tray always
 * tells the truth about what is on air and offers only what makes sense now.
 */
import type { LiveState } from '../../../preload/contract/model';

export type TrayCommand = 'toggle-live' | 'toggle-record' | 'show-window' | 'quit';

export interface TrayItem {
  label: string;
  enabled: boolean;
  /** Absent for the status line (a label) and separators. */
  command?: TrayCommand;
  separator?: true;
}

export interface TrayModel {
  icon: 'idle' | 'live';
  tooltip: string;
  items: TrayItem[];
}

export function trayModel(live: Pick<LiveState, 'streaming' | 'recording'>): TrayModel {
  const streamingWords: Record<LiveState['streaming'], string> = { offline: 'Offline', starting: 'Going live…', live: 'Live', ending: 'Ending stream…' };
  const recordingWords: Record<LiveState['recording'], string> = { off: '', starting: 'starting recording…', recording: 'recording', stopping: 'saving recording…' };
  const status = [streamingWords[live.streaming], recordingWords[live.recording]].filter(Boolean).join(', ');
  const streamBusy = live.streaming === 'starting' || live.streaming === 'ending';
  const recordBusy = live.recording === 'starting' || live.recording === 'stopping';
  return {
    icon: live.streaming === 'offline' && live.recording === 'off' ? 'idle' : 'live',
    tooltip: `OnAir Studio: ${status}`,
    items: [
      { label: status, enabled: false },
      { label: '', enabled: false, separator: true },
      { label: live.streaming === 'offline' ? 'Go Live' : 'Stop Streaming', enabled: !streamBusy, command: 'toggle-live' },
      { label: live.recording === 'off' ? 'Start Recording' : 'Stop Recording', enabled: !recordBusy, command: 'toggle-record' },
      { label: '', enabled: false, separator: true },
      { label: 'Show OnAir Studio', enabled: true, command: 'show-window' },
      { label: 'Quit', enabled: true, command: 'quit' },
    ],
  };
}
