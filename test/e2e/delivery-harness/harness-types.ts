/**
 * What the program delivery page exposes on `window.programHarness` for the
 * tests (types only: shared by the page and the tests).
 */
import type { ProgramSenderStats } from '../../../renderer/delivery';

export interface SceneSwitchRecord {
  sceneId: string;
  /** Studio clock right after the compositor was given the collection with the new program scene. */
  appliedUs: number;
}

export interface ProgramHarness {
  ready: boolean;
  error: string | null;
  connected(): boolean;
  /** A contract call through the page's own studio client. */
  call(method: string, params: unknown): Promise<unknown>;
  stats(): ProgramSenderStats & {
    /** Studio-clock stamps of the slots the flash-and-beep source made white (each with a beep). */
    flashesUs: number[];
    /** How late each white picture was written after its intended moment, µs. */
    whiteLateUs: number[];
    switches: SceneSwitchRecord[];
    /** Program frames the compositor handed out, by path. */
    frames: { raw: number; encoded: number };
    lastRequest: unknown;
    compositorErrors: string[];
  };
}

declare global {
  interface Window {
    programHarness?: ProgramHarness;
  }
}
