/**
 * The /watch page LocalOrigin serves: a player for /live/index.m3u8 that a viewer
 * opens with nothing but a browser. Everything it loads comes from the origin
 * itself (hls.js included), so it works offline and on a LAN, and the CSP forbids
 * anything else.
 *
 * The script is plain browser JavaScript kept as text (main/ has no DOM types);
 * it is served as /watch/watch.js because the CSP allows no inline script.
 *
 * Page lifecycle (html[data-state] and window.__watch.state):
 *   waiting (no playlist; polls) -> connecting -> live <-> buffering (restarted
 *   from a fresh playlist when stuck; see STALL_RESTART_MS)
 *   -> ended (the origin marked the playlist ended, or it vanished after playing;
 *   keeps polling and starts again when a new stream goes live).
 *   'unsupported' when neither hls.js nor native HLS is available.
 */

export const WATCH_CSP = [
  "default-src 'self'",
  "media-src 'self' blob:",
  // hls.js runs its demuxer in a worker built from a blob URL.
  "worker-src blob: 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PLAYLIST_PATH = '/live/index.m3u8';
export const WATCH_PATH = '/watch';
export const HLS_JS_PATH = '/watch/hls.min.js';
export const WATCH_SCRIPT_PATH = '/watch/watch.js';

export function watchPageHtml(options: { hlsJs: boolean }): string {
  const player = options.hlsJs ? `<script src="${HLS_JS_PATH}"></script>\n` : '';
  return `<!doctype html>
<html lang="en" data-state="waiting" data-hlsjs="${options.hlsJs ? 'yes' : 'no'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OnAir Studio: live</title>
<link rel="icon" href="data:,">
<style>
  html { background: #111; color: #eee; font: 16px/1.4 system-ui, sans-serif; }
  main { max-width: 960px; margin: 2rem auto; padding: 0 1rem; }
  video { width: 100%; aspect-ratio: 16 / 9; background: #000; }
  .row { display: flex; justify-content: space-between; gap: 1rem; margin-top: .5rem; }
  #note:empty { display: none; }
  #note { color: #fc6; }
  html[data-state="live"] #status::before { content: "\\25CF  "; color: #e33; }
</style>
</head>
<body>
<main>
<video id="video" controls playsinline></video>
<div class="row"><span id="status" role="status" aria-live="polite">Waiting for the stream\u2026</span><span id="latency">Live latency: \u2013</span></div>
<p id="note"></p>
</main>
${player}<script src="${WATCH_SCRIPT_PATH}"></script>
</body>
</html>
`;
}

export const WATCH_SCRIPT = `'use strict';
(function () {
  var PLAYLIST_URL = '${PLAYLIST_PATH}';
  /** How often the page looks for the stream while it is not live (ms). */
  var RETRY_MS = 2000;
  var LATENCY_READOUT_MS = 500;
  /**
   * A player stuck buffering this long is restarted from a fresh playlist. hls.js
   * stalls for ~20 s when the output restarts and its playlist starts over at
   * sequence 0 (an encoder restart does that); a reload recovers in a segment or two.
   */
  var STALL_RESTART_MS = 8000;
  /** hls.js can rebuild its media pipeline after a decode error; more than this means the stream itself is bad. */
  var MAX_MEDIA_RECOVERIES = 2;

  var video = document.getElementById('video');
  var statusEl = document.getElementById('status');
  var latencyEl = document.getElementById('latency');
  var noteEl = document.getElementById('note');
  var Hls = window.Hls;

  /** Read by tests and curious viewers. playedS: seconds played since the stream started playing here. */
  var watch = { state: 'waiting', player: null, currentTime: 0, playedS: 0, latency: null };
  window.__watch = watch;

  var hls = null;
  var retryTimer = 0;
  var everPlayed = false;
  var startTime = null;
  var mediaRecoveries = 0;
  var stallTimer = 0;

  function setState(state, text) {
    watch.state = state;
    document.documentElement.setAttribute('data-state', state);
    statusEl.textContent = text;
  }

  function note(text) { noteEl.textContent = text; }

  /** 'live', 'ended' (the origin added #EXT-X-ENDLIST) or 'offline' (404, or the origin is down). */
  function streamState() {
    return fetch(PLAYLIST_URL, { cache: 'no-store' }).then(function (res) {
      if (!res.ok) return 'offline';
      return res.text().then(function (text) { return text.indexOf('#EXT-X-ENDLIST') >= 0 ? 'ended' : 'live'; });
    }, function () { return 'offline'; });
  }

  function waitForStream() {
    clearTimeout(retryTimer);
    streamState().then(function (state) {
      if (state === 'live') { start(); return; }
      if (state === 'ended' || everPlayed) setState('ended', 'Stream ended');
      else setState('waiting', 'Waiting for the stream\\u2026');
      retryTimer = setTimeout(waitForStream, RETRY_MS);
    });
  }

  function start() {
    setState('connecting', 'Connecting\\u2026');
    startTime = null;
    mediaRecoveries = 0;
    if (Hls && Hls.isSupported()) {
      watch.player = 'hls.js';
      hls = new Hls({ liveDurationInfinity: true });
      hls.on(Hls.Events.ERROR, function (_event, data) { onHlsError(data); });
      hls.on(Hls.Events.MANIFEST_PARSED, playVideo);
      hls.loadSource(PLAYLIST_URL);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      watch.player = 'native';
      video.src = PLAYLIST_URL;
      playVideo();
    } else {
      setState('unsupported', 'This browser cannot play the stream: it has no built-in HLS and hls.js is not available.');
    }
  }

  function onHlsError(data) {
    if (!data.fatal) return;
    if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries < MAX_MEDIA_RECOVERIES) {
      mediaRecoveries++;
      hls.recoverMediaError();
      return;
    }
    // The stream went away or broke: start over once it is back.
    teardown();
    waitForStream();
  }

  function teardown() {
    clearTimeout(stallTimer);
    startTime = null;
    if (hls) { hls.destroy(); hls = null; }
    else if (video.getAttribute('src')) { video.removeAttribute('src'); video.load(); }
  }

  function playVideo() {
    video.play().catch(function (err) {
      // Browsers refuse autoplay with sound until the viewer interacts; muted autoplay is allowed.
      if (err && err.name === 'NotAllowedError' && !video.muted) {
        video.muted = true;
        note('Sound is off because the browser blocked autoplay with sound: unmute with the speaker button.');
        video.play().catch(function () { note('Press play to start the stream.'); });
      }
    });
  }

  video.addEventListener('playing', function () {
    clearTimeout(stallTimer);
    everPlayed = true;
    if (startTime === null) startTime = video.currentTime;
    setState('live', 'Live');
  });
  video.addEventListener('waiting', function () {
    if (watch.state !== 'live') return;
    setState('buffering', 'Buffering\\u2026');
    clearTimeout(stallTimer);
    stallTimer = setTimeout(function () { teardown(); waitForStream(); }, STALL_RESTART_MS);
  });
  video.addEventListener('timeupdate', function () {
    watch.currentTime = video.currentTime;
    if (startTime !== null) watch.playedS = video.currentTime - startTime;
  });
  video.addEventListener('ended', function () {
    teardown();
    setState('ended', 'Stream ended');
    retryTimer = setTimeout(waitForStream, RETRY_MS);
  });

  /**
   * Latency from #EXT-X-PROGRAM-DATE-TIME: the wall-clock time of the picture on
   * screen, subtracted from now. Exact on the studio machine; on another machine it
   * is off by the difference between the two clocks. Without a date, hls.js's own
   * estimate (distance from the live edge of the playlist).
   */
  function readLatency() {
    var latency = null;
    if (watch.state === 'live' || watch.state === 'buffering') {
      if (hls) {
        var date = hls.playingDate;
        if (date) latency = (Date.now() - date.getTime()) / 1000;
        else if (isFinite(hls.latency)) latency = hls.latency;
      } else if (typeof video.getStartDate === 'function') {
        var startMs = video.getStartDate().getTime();
        if (isFinite(startMs)) latency = (Date.now() - startMs) / 1000 - video.currentTime;
      }
    }
    watch.latency = latency !== null && latency >= 0 ? Math.round(latency * 10) / 10 : null;
    latencyEl.textContent = watch.latency === null ? 'Live latency: \\u2013' : 'Live latency: ' + watch.latency.toFixed(1) + ' s';
  }

  if (!Hls) note('hls.js is not available on this origin, so the page uses the browser\\'s built-in HLS player.');
  setInterval(readLatency, LATENCY_READOUT_MS);
  waitForStream();
})();
`;
