/**
 * Go live and stop (after confirmation), record, and the studio-mode switch (its
 * Transition button sits between the monitors). Each button shows its own error
 * underneath it.
 */
import { useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { Dock } from './Dock';
import { ErrorText } from './ErrorText';
import { formatElapsed } from './format';
import { useHotkeyHint } from './hotkeys/use-hotkey-hint';
import { Toggle } from './Toggle';
import { useStudio, useStudioView } from './studio-context';
import { useAction } from './use-action';
import { useNow } from './use-now';

export function ControlsDock({ onOpenSettings }: { onOpenSettings(): void }) {
  const { api } = useStudio();
  const { state, connection } = useStudioView();
  const stream = useAction();
  const record = useAction();
  const [confirmStop, setConfirmStop] = useState(false);
  const live = state?.live;
  const now = useNow(live?.streaming === 'live' || live?.recording === 'recording');
  const disabled = connection !== 'open' || !state;
  const streaming = live?.streaming ?? 'offline';
  const recording = live?.recording ?? 'off';
  const studioMode = state?.collection.studioMode ?? false;

  const streamLabel = { offline: 'Go Live', starting: 'Going live…', live: 'Stop Streaming', ending: 'Stopping…' }[streaming];
  const recordLabel = { off: 'Start Recording', starting: 'Starting recording…', recording: 'Stop Recording', stopping: 'Stopping recording…' }[recording];
  const streamHint = useHotkeyHint('toggle-live', 'Go live or stop');
  const recordHint = useHotkeyHint('toggle-record', 'Start or stop recording');

  return (
    <Dock title="Controls" className="controls-dock">
      <div className="control">
        <button
          type="button"
          className={streaming === 'offline' ? 'primary big' : 'danger big'}
          {...streamHint}
          disabled={disabled || stream.pending || streaming === 'starting' || streaming === 'ending'}
          onClick={() => (streaming === 'live' ? setConfirmStop(true) : void stream.run(() => api.goLive({})))}
        >
          {streamLabel}
        </button>
        {streaming === 'live' && (
          <span className="elapsed" role="timer" aria-label="Time live">
            <span className="on-air-dot" aria-hidden="true" /> {formatElapsed(live?.streamingSince ?? null, now)}
          </span>
        )}
        <ErrorText message={stream.error} />
      </div>
      <div className="control">
        <button
          type="button"
          className={recording === 'off' ? 'big' : 'danger big'}
          {...recordHint}
          disabled={disabled || record.pending || recording === 'starting' || recording === 'stopping'}
          onClick={() => void record.run(() => (recording === 'recording' ? api.stopRecording({}) : api.startRecording({})))}
        >
          {recordLabel}
        </button>
        {recording === 'recording' && (
          <span className="elapsed" role="timer" aria-label="Time recording">
            {formatElapsed(live?.recordingSince ?? null, now)}
          </span>
        )}
        <ErrorText message={record.error} />
      </div>
      <Toggle checked={studioMode} disabled={disabled} onToggle={(enabled) => api.setStudioMode({ enabled })}>
        <span>Studio mode</span>
        <span className="muted small">(pick scenes on preview, then Transition)</span>
      </Toggle>
      <button type="button" className="settings-button" onClick={onOpenSettings}>
        Settings
      </button>
      <ConfirmDialog
        open={confirmStop}
        title="Stop streaming"
        message="Stop the stream? Viewers on every destination will see it end."
        confirmLabel="Stop streaming"
        onConfirm={() => {
          setConfirmStop(false);
          void stream.run(() => api.stopLive({}));
        }}
        onCancel={() => setConfirmStop(false)}
      />
    </Dock>
  );
}
