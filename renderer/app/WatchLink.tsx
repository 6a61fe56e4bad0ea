/** The local origin's watch page, as a link and a Copy button (for sharing on the LAN). */
import { useState } from 'react';

export function WatchLink({ url }: { url: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      // Clipboard access can be refused (no permission, not focused): the link is still selectable.
      setCopied('failed');
    }
  };
  return (
    <div className="watch-link">
      <a href={url} target="_blank" rel="noopener noreferrer" aria-label="Watch page">
        {url}
      </a>
      <button type="button" className="small" onClick={() => void copy()} aria-label="Copy the watch link">
        Copy
      </button>
      <span role="status" className="muted small">
        {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Could not copy: select the link instead' : ''}
      </span>
    </div>
  );
}
