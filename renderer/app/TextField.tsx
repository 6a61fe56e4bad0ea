/**
 * A labelled text input with an optional help line; its error (if any) is shown
 * under it and announced with it. The error and help sit outside the <label>, so
 * the field's name stays its label alone while they change.
 */
import { useId, type ReactNode } from 'react';

export interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  error: string | null;
  help?: ReactNode;
  maxLength?: number;
  onChange(value: string): void;
}

export function TextField({ name, label, value, error, help, maxLength, onChange }: TextFieldProps) {
  const inputId = useId();
  const errorId = useId();
  const helpId = useId();
  const describedBy = [error ? errorId : null, help ? helpId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} name={name} value={value} maxLength={maxLength} spellCheck={false} aria-invalid={error !== null} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)} />
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
      {help && (
        <small id={helpId} className="muted">
          {help}
        </small>
      )}
    </div>
  );
}
