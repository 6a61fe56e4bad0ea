/** One source in the audio mixer: name, level, gain fader, mute and monitor ("listen on this computer"). */
import { GainFader } from './GainFader';
import { LevelMeter } from './LevelMeter';
import { PressButton } from './PressButton';
import type { AudioStrip } from './program/audio-strips';
import { useStudio } from './studio-context';
import { useHotkeyHint } from './hotkeys/use-hotkey-hint';

const MUTE_TIP = 'Mute: take it out of the stream';

export function MixerStrip({ strip }: { strip: AudioStrip }) {
  const { api } = useStudio();
  const { source, onAir, global } = strip;
  const { muted, monitor, gainDb } = source.audio;
  // The mute-mic hotkey drives every microphone's strip (not desktop audio or media).
  const isMic = source.kind === 'audio-input' && source.settings.target === 'microphone';
  const muteHint = useHotkeyHint(isMic ? 'toggle-mic-mute' : null, MUTE_TIP);
  return (
    <li className={`mixer-strip ${muted || !onAir ? 'is-silent' : ''}`}>
      <span className="strip-name" title={source.name}>
        {source.name}
        {global && <span className="muted small"> · all scenes</span>}
        {!onAir && <span className="muted small"> · hidden, off air</span>}
      </span>
      <LevelMeter meterId={source.id} label={`${source.name} level`} />
      <GainFader sourceId={source.id} name={source.name} gainDb={gainDb} />
      <div className="strip-buttons">
        <PressButton pressed={muted} ariaLabel={`Mute ${source.name}`} title={muteHint.title ?? MUTE_TIP} keyShortcuts={muteHint['aria-keyshortcuts']} className="mute" onPress={(next) => api.updateSource({ sourceId: source.id, audio: { muted: next } })}>
          {muted ? 'Muted' : 'Mute'}
        </PressButton>
        <PressButton pressed={monitor} ariaLabel={`Listen to ${source.name}`} title="Listen: hear it on this computer (use headphones)" onPress={(next) => api.updateSource({ sourceId: source.id, audio: { monitor: next } })}>
          Listen
        </PressButton>
      </div>
    </li>
  );
}
