/**
 * A small coloured status label; the words carry the meaning, the colour only
 * repeats it. A chip with a reason (a failure, a retry) is wide: it takes its
 * own line and wraps, so the whole sentence can be read.
 */
import { chipText, type Chip } from './format';

export function StatusChip({ chip, label }: { chip: Chip; label: string }) {
  const text = chipText(chip);
  return (
    <span className={`chip chip-${chip.tone}${chip.reason ? ' chip-wide' : ''}`} role="status" aria-label={`${label}: ${text}`} title={text}>
      {text}
    </span>
  );
}
