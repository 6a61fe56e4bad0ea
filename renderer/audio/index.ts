/**
 * The studio's audio: the mixer (sources -> master, meters, PCM for the engine)
 * and the captures that feed it.
 */
export { AudioMixer, GAIN_RAMP_S, MASTER_METER_ID, type AudioMixerOptions, type MeterReading, type MeterReadings, type PcmChunkEvent } from './mixer';
export { DesktopAudioUnavailableError, audioOnly, microphoneConstraints, openDesktopAudio, openMicrophone } from './capture';
export { METER_FLOOR_DB, PEAK_FALL_DB_PER_S, PEAK_HOLD_S, dbToGain, gainToDb } from './levels';
export { DEFAULT_METER_RATE_HZ } from './meter-subscribers';
export { PCM_CHUNK_FRAMES, PCM_SAMPLE_RATE } from './pcm';
export { programAudioPlan, type SourceMix } from './program-audio';
