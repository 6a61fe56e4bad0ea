/**
 * Picks a camera or microphone. Browsers name devices only after the page was
 * allowed to use one, so before that the list reads "Camera 1", "Camera 2"...;
 * the list refreshes when devices come and go.
 */
import { useEffect, useState } from 'react';

export function DeviceSelect({ kind, label, value, onChange }: { kind: 'videoinput' | 'audioinput'; label: string; value: string | null; onChange(deviceId: string | null): void }) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    const media = navigator.mediaDevices;
    if (!media) return;
    let alive = true;
    const refresh = () =>
      media.enumerateDevices().then(
        (all) => alive && setDevices(all.filter((d) => d.kind === kind && d.deviceId !== '' && d.deviceId !== 'default')),
        () => undefined, // no list: the system default still works
      );
    void refresh();
    media.addEventListener('devicechange', refresh);
    return () => {
      alive = false;
      media.removeEventListener('devicechange', refresh);
    };
  }, [kind]);
  const noun = kind === 'videoinput' ? 'Camera' : 'Microphone';
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
        <option value="">System default</option>
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${noun} ${i + 1}`}
          </option>
        ))}
      </select>
    </label>
  );
}
