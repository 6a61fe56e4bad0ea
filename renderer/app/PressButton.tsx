/**
 * A toggle button (aria-pressed) whose truth lives in the studio, like Toggle:
 * it shows the new value while the call runs and the call's error after.
 */
import { useState, type ReactNode } from 'react';
import { ErrorText } from './ErrorText';
import { useAction } from './use-action';

export interface PressButtonProps {
  pressed: boolean;
  ariaLabel: string;
  title?: string;
  /** aria-keyshortcuts: the hotkey that presses it, for screen readers. */
  keyShortcuts?: string;
  className?: string;
  children: ReactNode;
  onPress(next: boolean): Promise<unknown>;
}

export function PressButton({ pressed, ariaLabel, title, keyShortcuts, className, children, onPress }: PressButtonProps) {
  const action = useAction();
  const [pending, setPending] = useState<boolean | null>(null);
  const shown = pending ?? pressed;
  return (
    <>
      <button
        type="button"
        className={`press ${shown ? 'is-pressed' : ''} ${className ?? ''}`}
        aria-pressed={shown}
        aria-label={ariaLabel}
        title={title}
        aria-keyshortcuts={keyShortcuts}
        disabled={action.pending}
        onClick={async () => {
          setPending(!shown);
          await action.run(() => onPress(!shown));
          setPending(null);
        }}
      >
        {children}
      </button>
      <ErrorText message={action.error} />
    </>
  );
}
