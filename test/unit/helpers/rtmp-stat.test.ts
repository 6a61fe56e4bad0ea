import { describe, expect, it } from 'vitest';
import { parseRtmpStat } from '../../helpers/rtmp-stat';

// Captured from nginx 1.22.1 + nginx-rtmp 1.1.4 (`rtmp_stat all`) while ffmpeg
// published 'good'; a second, idle stream added to check streams stay apart.
const STAT_XML = `<?xml version="1.0" encoding="utf-8" ?>
<rtmp>
<nginx_version>1.22.1</nginx_version>
<nginx_rtmp_version>1.1.4</nginx_rtmp_version>
<pid>8010</pid>
<uptime>7</uptime>
<naccepted>2</naccepted>
<bw_in>0</bw_in>
<bytes_in>106896</bytes_in>
<bw_out>0</bw_out>
<bytes_out>701</bytes_out>
<server>
<application>
<name>live</name>
<live>
<stream>
<name>good</name>
<time>2780</time><bw_in>836000</bw_in>
<bytes_in>104567</bytes_in>
<bw_out>0</bw_out>
<bytes_out>0</bytes_out>
<bw_audio>128000</bw_audio>
<bw_video>708000</bw_video>
<client><id>3</id><address>127.0.0.1</address><time>2956</time><flashver>FMLE/3.0 (compatible; Lavf59.27</flashver><dropped>0</dropped><avsync>-21</avsync><timestamp>2200</timestamp><publishing/><active/></client>
<meta><video><width>320</width><height>240</height><frame_rate>30</frame_rate><codec>H264</codec><profile>High</profile><compat>0</compat><level>1.3</level></video><audio><codec>AAC</codec><profile>LC</profile><channels>2</channels><sample_rate>48000</sample_rate></audio></meta>
<nclients>1</nclients>
<publishing/>
<active/>
</stream>
<stream>
<name>idle</name>
<time>100</time><bw_in>0</bw_in>
<bytes_in>0</bytes_in>
<bw_out>0</bw_out>
<bytes_out>0</bytes_out>
<bw_audio>0</bw_audio>
<bw_video>0</bw_video>
<nclients>0</nclients>
</stream>
<nclients>1</nclients>
</live>
</application>
</server>
</rtmp>`;

describe('parseRtmpStat', () => {
  it('reads server totals and each stream with its publisher and codecs', () => {
    const stat = parseRtmpStat(STAT_XML);
    expect(stat.bytesIn).toBe(106_896);
    expect(stat.bytesOut).toBe(701);
    expect(stat.streams).toEqual([
      {
        app: 'live',
        name: 'good',
        publishing: true,
        timeMs: 2780,
        bytesIn: 104_567,
        bytesOut: 0,
        bwInBps: 836_000,
        bwVideoBps: 708_000,
        bwAudioBps: 128_000,
        clients: 1,
        publisherDropped: 0,
        publisherAvSyncMs: -21,
        video: { codec: 'H264', width: 320, height: 240, frameRate: 30, profile: 'High' },
        audio: { codec: 'AAC', sampleRate: 48_000, channels: 2 },
      },
      expect.objectContaining({ name: 'idle', publishing: false, clients: 0, video: undefined, audio: undefined }),
    ]);
  });

  it('reads a server with no streams', () => {
    expect(parseRtmpStat('<rtmp><bytes_in>5</bytes_in><server><application><name>live</name><live><nclients>0</nclients></live></application></server></rtmp>')).toEqual({
      bytesIn: 5,
      bytesOut: 0,
      streams: [],
    });
  });
});
