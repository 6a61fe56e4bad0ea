/**
 * The output profile: size, frame rate, bitrates, keyframe interval, encoder and
 * video path. Each number is checked as it is typed against the contract's own
 * limits, with the reason shown at the field; Save sends only what changed.
 */
import { useState, type FormEvent } from 'react';
import type { OutputProfile } from '../../preload/contract';
import { EncoderChoice } from './EncoderChoice';
import { ErrorText } from './ErrorText';
import { PROFILE_UNITS, profileFieldError, profilePatch, type NumericProfileField } from './field-validation';
import { NumberField } from './NumberField';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

const FIELDS: ReadonlyArray<{ field: NumericProfileField; label: string; step?: number }> = [
  { field: 'width', label: 'Width', step: 2 },
  { field: 'height', label: 'Height', step: 2 },
  { field: 'fps', label: 'Frame rate' },
  { field: 'videoBitrateKbps', label: 'Video bitrate', step: 100 },
  { field: 'keyframeIntervalS', label: 'Keyframe interval', step: 0.5 },
  { field: 'audioBitrateKbps', label: 'Audio bitrate', step: 32 },
];

type Draft = Record<NumericProfileField, string>;

/** What each video path means, in plain words. */
const VIDEO_PATH_HELP: Readonly<Record<OutputProfile['videoPath'], string>> = {
  auto: 'The studio measures both ways on this computer and uses the one that keeps the frame rate.',
  raw: 'The window hands over every picture uncompressed and the studio encodes it with the encoder below: best quality, but it costs more CPU and memory bandwidth.',
  encoded: 'The window compresses the video itself (the browser’s encoder, often the graphics card): lightest on a slow computer; the encoder below is then not used for video.',
};

export function ProfileSettings({ profile, live }: { profile: OutputProfile; live: boolean }) {
  const { api } = useStudio();
  const save = useAction();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [encoder, setEncoder] = useState(profile.encoder);
  const [videoPath, setVideoPath] = useState(profile.videoPath);
  const [saved, setSaved] = useState(false);
  const patch = profilePatch(profile, draft);
  const dirty = patch !== null && (Object.keys(patch).length > 0 || encoder.trim() !== profile.encoder || videoPath !== profile.videoPath);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!patch) return;
    const full: Partial<OutputProfile> = { ...patch };
    if (encoder.trim() !== profile.encoder) full.encoder = encoder.trim();
    if (videoPath !== profile.videoPath) full.videoPath = videoPath;
    const done = await save.run(() => api.setProfile(full));
    setSaved(done !== undefined);
  };

  return (
    <form className="settings-form" onSubmit={onSubmit} aria-label="Output profile" noValidate>
      {live && <p className="muted">You are live or recording: changes apply the next time you start.</p>}
      <div className="field-grid">
        {FIELDS.map(({ field, label, step }) => (
          <NumberField
            key={field}
            name={field}
            label={`${label} (${PROFILE_UNITS[field]})`}
            value={draft[field]}
            step={step}
            error={profileFieldError(field, draft[field])}
            onChange={(value) => {
              setSaved(false);
              setDraft((d) => ({ ...d, [field]: value }));
            }}
          />
        ))}
        <label className="field">
          <span>Video path</span>
          <select name="videoPath" value={videoPath} aria-describedby="video-path-help" onChange={(e) => setVideoPath(e.target.value as OutputProfile['videoPath'])}>
            <option value="auto">Automatic (measured on this computer)</option>
            <option value="raw">Raw frames (encoded by the studio)</option>
            <option value="encoded">Encoded in the window (WebCodecs)</option>
          </select>
          <small id="video-path-help" className="muted">
            {VIDEO_PATH_HELP[videoPath]}
          </small>
        </label>
      </div>
      <EncoderChoice value={encoder} onChange={(name) => {
          setSaved(false);
          setEncoder(name);
        }} />
      <div className="row">
        <button type="submit" className="primary" disabled={!dirty || save.pending}>
          Save output settings
        </button>
        <span role="status" className="muted small">
          {saved ? 'Saved' : ''}
        </span>
      </div>
      <ErrorText message={save.error} />
    </form>
  );
}

function draftOf(p: OutputProfile): Draft {
  return {
    width: String(p.width),
    height: String(p.height),
    fps: String(p.fps),
    videoBitrateKbps: String(p.videoBitrateKbps),
    keyframeIntervalS: String(p.keyframeIntervalS),
    audioBitrateKbps: String(p.audioBitrateKbps),
  };
}
