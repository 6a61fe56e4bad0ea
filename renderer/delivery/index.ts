/** Delivery of the program (compositor video + mixer audio) into the engine. */
export { ProgramSender, type MediaRequest, type MediaTransport, type PcmSource, type ProgramFrameSource, type ProgramSenderOptions, type ProgramSenderStats, type ProgramSources } from './program-sender';
export { MIN_VIDEO_BACKLOG_BYTES, RAW_BACKLOG_FRAMES, ENCODED_BACKLOG_S, videoBacklogLimitBytes } from './video-drop-policy';
