/**
 * The audio mixer: a strip per source with sound in the program scene (and the
 * global audio inputs), each with its level, gain, mute and monitor; then the
 * master, which is what the stream carries.
 */
import { useMemo } from 'react';
import { MASTER_METER_ID } from '../audio/mixer';
import { Dock } from './Dock';
import { ErrorText } from './ErrorText';
import { LevelMeter } from './LevelMeter';
import { MixerStrip } from './MixerStrip';
import { audioStrips } from './program/audio-strips';
import { useProgram, useProgramStatus } from './program/use-program';
import { useStudioView } from './studio-context';

export function MixerDock() {
  const { state } = useStudioView();
  const runtime = useProgram();
  const status = useProgramStatus();
  const collection = state?.collection;
  const strips = useMemo(() => (collection ? audioStrips(collection) : []), [collection]);

  return (
    <Dock title="Audio mixer" className="mixer-dock">
      {status.audio === 'failed' && <ErrorText message={status.audioError} />}
      {status.audio === 'suspended' && (
        <p className="warn-text row">
          The browser holds the sound until you click in the page.
          <button type="button" className="small" onClick={() => runtime?.resumeAudio()}>
            Start audio
          </button>
        </p>
      )}
      <ul className="mixer-strips" aria-label="Audio sources">
        {strips.map((strip) => (
          <MixerStrip key={strip.source.id} strip={strip} />
        ))}
        <li className="mixer-strip mixer-master">
          <span className="strip-name">Master</span>
          <LevelMeter meterId={MASTER_METER_ID} label="Master level" />
        </li>
      </ul>
      {strips.length === 0 && <p className="muted small">Nothing in this scene has sound: add a microphone, a media file, or a screen shared with audio.</p>}
    </Dock>
  );
}
