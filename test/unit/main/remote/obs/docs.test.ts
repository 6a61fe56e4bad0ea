/**
 * docs/remote-control.md is the user's list of what works: it must name every
 * request the server answers, and must not list as unsupported one it answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from '../../../../../main/remote/obs/request-dispatcher';

const doc = readFileSync(new URL('../../../../../docs/remote-control.md', import.meta.url), 'utf8');
const section = (title: string) => doc.slice(doc.indexOf(`## ${title}`), doc.indexOf('\n## ', doc.indexOf(`## ${title}`) + 3));

describe('docs/remote-control.md', () => {
  it('lists every supported request in its table', () => {
    const supported = section('Supported requests');
    expect(REQUEST_TYPES.filter((type) => !supported.includes(`\`${type}\``))).toEqual([]);
  });

  it('lists no supported request as unsupported', () => {
    const unsupported = section('Not supported yet');
    expect(unsupported.length).toBeGreaterThan(100);
    expect(REQUEST_TYPES.filter((type) => unsupported.includes(`\`${type}\``))).toEqual([]);
  });
});
