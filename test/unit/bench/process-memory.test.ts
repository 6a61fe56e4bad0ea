import { describe, expect, it } from 'vitest';
import { parseVmRssBytes, rssBytes, treeRssByRole } from '../../bench/process-memory';

const STATUS = `Name:\tffmpeg
State:\tS (sleeping)
VmPeak:\t  412000 kB
VmRSS:\t   93700 kB
RssAnon:\t   40000 kB
`;

describe('parseVmRssBytes', () => {
  it('reads VmRSS (not VmPeak or RssAnon) in bytes', () => {
    expect(parseVmRssBytes(STATUS)).toBe(93_700 * 1024);
  });

  it('is null for a kernel thread, which has no VmRSS line', () => {
    expect(parseVmRssBytes('Name:\tkthreadd\nState:\tS (sleeping)\n')).toBeNull();
  });
});

describe('treeRssByRole', () => {
  it("reads this process's own RSS under the role it is given", () => {
    const own = rssBytes(process.pid);
    const tree = treeRssByRole(process.pid, 'the test');
    expect(own).toBeGreaterThan(0);
    expect(tree.get('the test')).toBeGreaterThan(0);
  });
});
