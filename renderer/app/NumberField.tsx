/** A labelled number input whose error (if any) is shown under it and announced with it. */
import { useId } from 'react';

export interface NumberFieldProps {
  name: string;
  label: string;
  value: string;
  step?: number;
  error: string | null;
  onChange(value: string): void;
}

export function NumberField({ name, label, value, step, error, onChange }: NumberFieldProps) {
  const errorId = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        name={name}
        type="number"
        inputMode="decimal"
        step={step ?? 1}
        value={value}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </label>
  );
}
