/** A small coloured status label; the words carry the meaning, the colour only repeats it. */
import type { Chip } from './format';

export function StatusChip({ chip, label }: { chip: Chip; label: string }) {
  return (
    <span className={`chip chip-${chip.tone}`} role="status" aria-label={`${label}: ${chip.label}`} title={chip.label}>
      {chip.label}
    </span>
  );
}
