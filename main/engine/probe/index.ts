/** The ffmpeg probe: where ffmpeg is, what it can do, and which video encoder to use. */
export * from './locate-ffmpeg';
export * from './parse-ffmpeg-output';
export * from './encoder-args';
export * from './probe';
export * from './probe-cache';
export * from './select-encoder';
