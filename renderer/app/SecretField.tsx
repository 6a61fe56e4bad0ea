/**
 * A secret the studio keeps (a stream key, the remote-control password): masked
 * until the streamer presses Reveal, which asks the studio for it. The studio
 * never sends a secret unasked (DESIGN.md "Persistence and secrets").
 */
import { useState } from 'react';
import { ErrorText } from './ErrorText';
import { useAction } from './use-action';

export function SecretField({ label, reveal }: { label: string; reveal(): Promise<string> }) {
  const [value, setValue] = useState<string | null>(null);
  const action = useAction();
  const onToggle = async () => {
    if (value !== null) {
      setValue(null);
      return;
    }
    const secret = await action.run(reveal);
    if (secret !== undefined) setValue(secret);
  };
  return (
    <div className="secret-field">
      <span className="field-label">{label}</span>
      <div className="row">
        <output className="secret-value" aria-label={label}>
          {value ?? '••••••••••••'}
        </output>
        <button type="button" className="small" onClick={() => void onToggle()} disabled={action.pending} aria-label={`${value === null ? 'Reveal' : 'Hide'} ${label.toLowerCase()}`}>
          {value === null ? 'Reveal' : 'Hide'}
        </button>
      </div>
      <ErrorText message={action.error} />
    </div>
  );
}
