/**
 * Settings → Recording: where recordings go, their format and their file
 * names, with the next file's name shown as the pattern is typed. The studio
 * checks on Save that it can write to the folder; if not, the reason is shown
 * at the folder field and nothing is changed.
 */
import { useId, useState, type FormEvent } from 'react';
import type { RecordingSettings as Recording } from '../../preload/contract';
import { ErrorText } from './ErrorText';
import { TextField } from './TextField';
import { exampleFileName, fileNamePatternError, recordingFolderError } from './settings-fields';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

const FORMATS: ReadonlyArray<{ value: Recording['format']; label: string }> = [
  { value: 'mkv', label: 'MKV: kept as recorded (plays in VLC and OBS; some editors want MP4)' },
  // The studio always records MKV, which a crash cannot spoil, and turns it into MP4 when the recording stops.
  { value: 'mp4', label: 'MP4: plays everywhere; recorded safely as MKV, made MP4 when you stop' },
];

export function RecordingSettings({ recording, sceneName }: { recording: Recording; sceneName: string }) {
  const { api } = useStudio();
  const save = useAction();
  const formatId = useId();
  const [folder, setFolder] = useState(recording.folder);
  const [format, setFormat] = useState(recording.format);
  const [pattern, setPattern] = useState(recording.fileNamePattern);
  const [saved, setSaved] = useState(false);
  const folderError = recordingFolderError(folder);
  const patternError = fileNamePatternError(pattern);
  const patch: Partial<Recording> = {};
  if (folder.trim() !== recording.folder) patch.folder = folder.trim();
  if (format !== recording.format) patch.format = format;
  if (pattern !== recording.fileNamePattern) patch.fileNamePattern = pattern;
  const dirty = Object.keys(patch).length > 0;
  // The studio only refuses a folder it cannot write to (the rest is checked here), so its error belongs there.
  const folderSaveError = patch.folder !== undefined ? save.error : null;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (folderError || patternError || !dirty) return;
    const done = await save.run(() => api.setRecordingSettings(patch));
    setSaved(done !== undefined);
  };
  const edited = <T,>(set: (v: T) => void) => (v: T) => {
    setSaved(false);
    save.clearError();
    set(v);
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Recording" noValidate>
      <TextField name="folder" label="Recordings folder" value={folder} error={folderError ?? folderSaveError} onChange={edited(setFolder)} maxLength={4096} />
      <div className="field">
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} name="format" value={format} onChange={(e) => edited(setFormat)(e.target.value as Recording['format'])}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <TextField
        name="fileNamePattern"
        label="File name"
        value={pattern}
        error={patternError}
        onChange={edited(setPattern)}
        maxLength={200}
        help={
          patternError ? (
            'Use {date}, {time} and {scene}; the extension is added.'
          ) : (
            <>
              Next recording: <output data-testid="recording-example">{exampleFileName(pattern, format, sceneName, new Date())}</output> ({'{date}'}, {'{time}'} and {'{scene}'} are filled in)
            </>
          )
        }
      />
      <div className="row">
        <button type="submit" className="primary" disabled={!dirty || save.pending || folderError !== null || patternError !== null}>
          Save recording settings
        </button>
        <span role="status" className="muted small">
          {save.pending ? 'Checking the folder…' : saved ? 'Saved' : ''}
        </span>
      </div>
      {!folderSaveError && <ErrorText message={save.error} />}
    </form>
  );
}
