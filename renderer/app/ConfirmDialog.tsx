/**
 * Asks before something that cannot be undone (stopping the stream, removing a
 * scene). A native modal <dialog>: it traps focus, Escape cancels, and focus goes
 * back to the button that opened it when it closes. Cancel comes first, so it
 * is what has focus: Enter alone never stops a stream.
 */
import { useEffect, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-label={title} onCancel={(e) => {
        // Escape: let React's state close it, so `open` stays the one source of truth.
        e.preventDefault();
        onCancel();
      }}>
      <h2>{title}</h2>
      <p>{message}</p>
      <div className="row end">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
