/**
 * Studio mode (Ui category) and transitions.
 *
 * Our transitions are three built-in kinds (cut, fade, slide) with one duration;
 * obs-websocket sees them as three named transitions "Cut", "Fade" and "Slide",
 * of which the current one is ours. A cut has a fixed (no) duration, as in OBS.
 */
import { z } from 'zod';
import type { Transition } from '../../../preload/contract/model';
import { NoFields, callStudio, defineRequest, fail, getState, ok, type RequestDefinition } from './request-kit';
import { OBS_TRANSITIONS, transitionRefOf } from './obs-shapes';
import { RequestStatus } from './protocol';

type TransitionKind = Transition['kind'];

/** obs-websocket's limits for SetCurrentSceneTransitionDuration, ms. */
const MIN_TRANSITION_MS = 50;
const MAX_TRANSITION_MS = 20_000;
/** Ours (TransitionSchema): a longer request is clamped to it. */
const OUR_MAX_TRANSITION_MS = 10_000;

function describeTransition(kind: TransitionKind, durationMs: number): Record<string, unknown> {
  const fixed = kind === 'cut';
  return {
    ...transitionRefOf(kind),
    transitionKind: `${kind}_transition`,
    transitionFixed: fixed,
    transitionDuration: fixed ? null : durationMs,
    transitionConfigurable: false,
    transitionSettings: null,
  };
}

export const UI_REQUESTS: Record<string, RequestDefinition> = {
  GetStudioModeEnabled: defineRequest(NoFields, async (ctx) => ok({ studioModeEnabled: (await getState(ctx)).collection.studioMode })),

  SetStudioModeEnabled: defineRequest(z.object({ studioModeEnabled: z.boolean() }), async (ctx, { studioModeEnabled }) => {
    const done = await callStudio(ctx, 'setStudioMode', { enabled: studioModeEnabled });
    return done.ok ? ok() : done.result;
  }),

  TriggerStudioModeTransition: defineRequest(NoFields, async (ctx) => {
    if (!(await getState(ctx)).collection.studioMode) return fail(RequestStatus.StudioModeNotActive, 'Studio mode is not enabled.');
    const done = await callStudio(ctx, 'triggerTransition', {});
    return done.ok ? ok() : done.result;
  }),

  GetTransitionKindList: defineRequest(NoFields, async () => ok({ transitionKinds: OBS_TRANSITIONS.map((t) => `${t.kind}_transition`) })),

  GetSceneTransitionList: defineRequest(NoFields, async (ctx) => {
    const current = (await getState(ctx)).collection.transition;
    const now = describeTransition(current.kind, current.durationMs);
    return ok({
      currentSceneTransitionName: now.transitionName,
      currentSceneTransitionUuid: now.transitionUuid,
      currentSceneTransitionKind: now.transitionKind,
      transitions: OBS_TRANSITIONS.map((t) => {
        const { transitionName, transitionUuid, transitionKind, transitionFixed, transitionConfigurable } = describeTransition(t.kind, current.durationMs);
        return { transitionName, transitionUuid, transitionKind, transitionFixed, transitionConfigurable };
      }),
    });
  }),

  GetCurrentSceneTransition: defineRequest(NoFields, async (ctx) => {
    const current = (await getState(ctx)).collection.transition;
    return ok(describeTransition(current.kind, current.durationMs));
  }),

  SetCurrentSceneTransition: defineRequest(z.object({ transitionName: z.string().min(1) }), async (ctx, { transitionName }) => {
    const wanted = OBS_TRANSITIONS.find((t) => t.name === transitionName);
    if (!wanted) return fail(RequestStatus.ResourceNotFound, `No scene transition was found by the name of \`${transitionName}\`.`);
    const current = (await getState(ctx)).collection.transition;
    const done = await callStudio(ctx, 'setTransition', { kind: wanted.kind, durationMs: current.durationMs });
    return done.ok ? ok() : done.result;
  }),

  SetCurrentSceneTransitionDuration: defineRequest(
    z.object({ transitionDuration: z.number().min(MIN_TRANSITION_MS).max(MAX_TRANSITION_MS) }),
    async (ctx, { transitionDuration }) => {
      const current = (await getState(ctx)).collection.transition;
      if (current.kind === 'cut') return fail(RequestStatus.ResourceNotConfigurable, 'The current transition (Cut) has a fixed duration.');
      const durationMs = Math.min(OUR_MAX_TRANSITION_MS, Math.round(transitionDuration));
      const done = await callStudio(ctx, 'setTransition', { kind: current.kind, durationMs });
      return done.ok ? ok() : done.result;
    },
  ),
};
