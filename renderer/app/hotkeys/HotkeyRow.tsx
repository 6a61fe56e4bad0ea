/**
 * One action's hotkey: its keys, Change (then press the new combination;
 * Escape cancels) and Clear. A combination that is refused keeps the old one
 * and says why, at the row. While recording, the press is taken here (default
 * prevented), so the window's hotkey handler does not also run it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { KeyPlatform } from '../../../preload/contract/hotkeys';
import type { HotkeyAction, Hotkeys } from '../../../preload/contract';
import { ACTION_LABELS, bindingProblem } from './binding-rules';
import { displayAccelerator } from './display';
import { acceleratorOfPress } from './key-event';

export interface HotkeyRowProps {
  action: HotkeyAction;
  hotkeys: Hotkeys;
  platform: KeyPlatform;
  busy: boolean;
  onBind(action: HotkeyAction, accelerator: string): Promise<boolean>;
}

export function HotkeyRow({ action, hotkeys, platform, busy, onBind }: HotkeyRowProps) {
  const [recording, setRecording] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const captureRef = useRef<HTMLButtonElement>(null);
  const bound = hotkeys[action] ?? '';
  const label = ACTION_LABELS[action];
  const problemId = `hotkey-problem-${action}`;

  useEffect(() => {
    if (recording) captureRef.current?.focus();
  }, [recording]);

  const onCaptureKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    e.preventDefault();
    e.stopPropagation();
    const noModifiers = !e.ctrlKey && !e.altKey && !e.shiftKey && !e.metaKey;
    if (e.key === 'Escape' && noModifiers) {
      setRecording(false);
      return;
    }
    const accelerator = acceleratorOfPress(e, platform);
    if (!accelerator) return; // only modifiers so far: wait for the key
    setRecording(false);
    const why = bindingProblem(hotkeys, action, accelerator, platform);
    setProblem(why);
    if (!why) void onBind(action, accelerator);
  };

  return (
    <li className="hotkey-row">
      <span className="hotkey-action">{label}</span>
      {recording ? (
        <button ref={captureRef} type="button" className="hotkey-capture" aria-label={`Press the new keys for ${label}; Escape cancels`} onKeyDown={onCaptureKey} onBlur={() => setRecording(false)}>
          Press the new keys… (Esc cancels)
        </button>
      ) : (
        <kbd className="hotkey-keys" aria-label={`${label}: ${bound ? displayAccelerator(bound, platform) : 'no hotkey'}`}>
          {bound ? displayAccelerator(bound, platform) : '—'}
        </kbd>
      )}
      <button
        type="button"
        aria-label={`Change the hotkey for ${label}`}
        aria-describedby={problem ? problemId : undefined}
        disabled={busy || recording}
        onClick={() => {
          setProblem(null);
          setRecording(true);
        }}
      >
        Change
      </button>
      <button
        type="button"
        aria-label={`Clear the hotkey for ${label}`}
        disabled={busy || recording || bound === ''}
        onClick={() => {
          setProblem(null);
          void onBind(action, '');
        }}
      >
        Clear
      </button>
      {problem && (
        <small id={problemId} className="field-error hotkey-problem" role="alert">
          {problem}
        </small>
      )}
    </li>
  );
}
