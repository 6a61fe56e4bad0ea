/**
 * A checkbox whose truth lives in the studio. It shows the new value while the
 * call runs (instead of snapping back until the studio's state event arrives),
 * returns to the studio's value when the call ends, and shows the call's error.
 */
import { useState, type ReactNode } from 'react';
import { ErrorText } from './ErrorText';
import { useAction } from './use-action';

export interface ToggleProps {
  checked: boolean;
  /** What the box means, for assistive technology when the visible text is not enough. */
  ariaLabel?: string;
  children: ReactNode;
  disabled?: boolean;
  className?: string;
  onToggle(next: boolean): Promise<unknown>;
}

export function Toggle({ checked, ariaLabel, children, disabled, className, onToggle }: ToggleProps) {
  const action = useAction();
  const [pending, setPending] = useState<boolean | null>(null);
  const onChange = async (next: boolean) => {
    setPending(next);
    await action.run(() => onToggle(next));
    setPending(null);
  };
  return (
    <>
      <label className={`check ${className ?? ''}`}>
        <input type="checkbox" checked={pending ?? checked} aria-label={ariaLabel} disabled={disabled || action.pending} onChange={(e) => void onChange(e.target.checked)} />
        {children}
      </label>
      <ErrorText message={action.error} />
    </>
  );
}
