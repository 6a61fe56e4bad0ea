/**
 * The probe's automatic encoder pick and its reason, asked once per connection
 * while the dashboard shows (the studio caches the probe, so this costs no new
 * trial encode once a broadcast has started). The report's type is the engine's
 * and not part of the contract, so only the two fields used here are read, and
 * anything else reads as "unknown".
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { useStudio, useStudioView } from '../studio-context';

const SelectedSchema = z.object({ selected: z.object({ name: z.string(), reason: z.string() }).nullable() });

export interface ProbeChoice {
  name: string | null;
  reason: string | null;
}

const UNKNOWN: ProbeChoice = { name: null, reason: null };

export function useProbeChoice(enabled: boolean): ProbeChoice {
  const { api } = useStudio();
  const { connection } = useStudioView();
  const [choice, setChoice] = useState<ProbeChoice>(UNKNOWN);
  useEffect(() => {
    if (!enabled || connection !== 'open') return;
    let current = true;
    api.getProbeReport({}).then(
      ({ report }) => {
        const parsed = SelectedSchema.safeParse(report);
        if (current && parsed.success && parsed.data.selected) setChoice(parsed.data.selected);
      },
      // The reason is a nicety next to the encoder's name; without it the dashboard says what it knows.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, connection, enabled]);
  return choice;
}
