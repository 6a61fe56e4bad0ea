/**
 * The encoder, chosen from what the probe found on this computer: Auto (the
 * best that works), each encoder that passed its trial, and each that did not,
 * shown disabled with the reason (a hardware encoder listed by ffmpeg is often
 * missing its driver). The probe runs trial encodes, which takes seconds: the
 * progress is shown, and "Check again" probes afresh (after a driver install).
 */
import { useCallback, useEffect, useState } from 'react';
import { encoderChoices, type EncoderChoices } from './probe-report';
import { ErrorText } from './ErrorText';
import { useStudio } from './studio-context';
import { useAction } from './use-action';

export interface EncoderChoiceProps {
  value: string;
  onChange(encoder: string): void;
}

export function EncoderChoice({ value, onChange }: EncoderChoiceProps) {
  const { api } = useStudio();
  const probe = useAction();
  const [choices, setChoices] = useState<EncoderChoices | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const load = useCallback(
    async (refresh: boolean) => {
      const result = await probe.run(() => api.getProbeReport(refresh ? { refresh } : {}));
      if (!result) return;
      const read = encoderChoices(result.report);
      setUnreadable(read === null);
      setChoices(read);
    },
    [api, probe.run],
  );
  useEffect(() => {
    void load(false);
  }, [load]);

  const known = value === 'auto' || (choices?.options.some((o) => o.name === value) ?? true);
  return (
    <fieldset className="encoder-list" aria-busy={probe.pending}>
      <legend>Encoder</legend>
      {probe.pending && (
        <p role="status" className="muted">
          <progress aria-label="Checking encoders" /> Checking which encoders work on this computer (a short trial encode each)…
        </p>
      )}
      <label className="encoder-option">
        <input type="radio" name="encoder" value="auto" checked={value === 'auto'} onChange={() => onChange('auto')} />
        <span>{choices?.auto ? `Auto (best working: ${choices.auto.name})` : 'Auto (best working)'}</span>
      </label>
      {choices?.options.map((o) => (
        <div key={o.name} className={`encoder-option ${o.usable ? '' : 'not-working'}`}>
          <input type="radio" id={`encoder-${o.name}`} name="encoder" value={o.name} checked={value === o.name} disabled={!o.usable} aria-describedby={`encoder-why-${o.name}`} onChange={() => onChange(o.name)} />
          <label htmlFor={`encoder-${o.name}`}>{o.label}</label>
          <span id={`encoder-why-${o.name}`} className="encoder-reason muted">
            {o.usable ? (o.hardware ? 'works (hardware)' : 'works (uses the CPU)') : `not working: ${o.reason}`}
          </span>
        </div>
      ))}
      {!known && <p className="muted small">The chosen encoder ({value}) was not found by the last check: Auto is used instead when you go live.</p>}
      {unreadable && <p className="muted small">The encoder check gave an answer this window cannot read; Auto is the safe choice.</p>}
      {choices?.auto && <p className="muted small">{choices.auto.reason}</p>}
      <ErrorText message={probe.error} />
      <div className="row">
        <button type="button" onClick={() => void load(true)} disabled={probe.pending}>
          Check again
        </button>
      </div>
    </fieldset>
  );
}
