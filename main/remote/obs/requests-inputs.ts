/**
 * Input requests (our sources): list, rename, mute and volume.
 *
 * Volume: obs-websocket speaks a multiplier (0..20) or dB (-100..26); our
 * sources keep a gain in dB from -60 to +20. A value inside obs-websocket's
 * range but outside ours is clamped (a Companion "volume down" button pressed
 * past the floor lands on the floor instead of failing).
 */
import { z } from 'zod';
import { SOURCE_KINDS, type Source } from '../../../preload/contract/model';
import { InputSelector, NoFields, callStudio, defineRequest, fail, findInput, getState, ok, type RequestContext, type RequestDefinition, type RequestResult } from './request-kit';
import { OBS_VOLUME_DB_MAX, OBS_VOLUME_DB_MIN, OBS_VOLUME_MUL_MAX, clampGainDb, inputKindOf, inputOf, mulToDb, sameName, volumeOf } from './obs-shapes';
import { RequestStatus } from './protocol';

const optionalNumber = (min: number, max: number) => z.number().min(min).max(max).nullish();

/** Runs `f` on the input the request names, or answers why it could not be found. */
async function withInput(ctx: RequestContext, fields: z.output<typeof InputSelector>, f: (source: Source) => Promise<RequestResult>): Promise<RequestResult> {
  const source = findInput(await getState(ctx), fields);
  return source.ok ? f(source.value) : source.result;
}

async function setMuted(ctx: RequestContext, source: Source, muted: boolean): Promise<RequestResult | null> {
  const done = await callStudio(ctx, 'updateSource', { sourceId: source.id, audio: { muted } });
  return done.ok ? null : done.result;
}

export const INPUT_REQUESTS: Record<string, RequestDefinition> = {
  GetInputList: defineRequest(z.object({ inputKind: z.string().nullish() }), async (ctx, { inputKind }) => {
    const sources = (await getState(ctx)).collection.sources;
    const wanted = inputKind ? sources.filter((s) => inputKindOf(s.kind) === inputKind) : sources;
    return ok({ inputs: wanted.map(inputOf) });
  }),

  GetInputKindList: defineRequest(z.object({ unversioned: z.boolean().nullish() }), async () => ok({ inputKinds: SOURCE_KINDS.map(inputKindOf) })),

  // We have no fixed desktop/mic slots; null is what OBS answers for an empty slot.
  GetSpecialInputs: defineRequest(NoFields, async () => ok({ desktop1: null, desktop2: null, mic1: null, mic2: null, mic3: null, mic4: null })),

  SetInputName: defineRequest(InputSelector.extend({ newInputName: z.string().min(1) }), async (ctx, fields) => {
    const state = await getState(ctx);
    const source = findInput(state, fields);
    if (!source.ok) return source.result;
    const { scenes, sources } = state.collection;
    const taken = scenes.some((s) => sameName(s.name, fields.newInputName)) || sources.some((s) => s.id !== source.value.id && sameName(s.name, fields.newInputName));
    if (taken) return fail(RequestStatus.ResourceAlreadyExists, 'A source already exists by that new input name.');
    const done = await callStudio(ctx, 'updateSource', { sourceId: source.value.id, name: fields.newInputName });
    return done.ok ? ok() : done.result;
  }),

  GetInputMute: defineRequest(InputSelector, (ctx, fields) => withInput(ctx, fields, async (source) => ok({ inputMuted: source.audio.muted }))),

  SetInputMute: defineRequest(InputSelector.extend({ inputMuted: z.boolean() }), (ctx, fields) =>
    withInput(ctx, fields, async (source) => (await setMuted(ctx, source, fields.inputMuted)) ?? ok()),
  ),

  ToggleInputMute: defineRequest(InputSelector, (ctx, fields) =>
    withInput(ctx, fields, async (source) => {
      const muted = !source.audio.muted;
      return (await setMuted(ctx, source, muted)) ?? ok({ inputMuted: muted });
    }),
  ),

  GetInputVolume: defineRequest(InputSelector, (ctx, fields) => withInput(ctx, fields, async (source) => ok(volumeOf(source)))),

  SetInputVolume: defineRequest(
    InputSelector.extend({ inputVolumeMul: optionalNumber(0, OBS_VOLUME_MUL_MAX), inputVolumeDb: optionalNumber(OBS_VOLUME_DB_MIN, OBS_VOLUME_DB_MAX) }),
    (ctx, fields) =>
      withInput(ctx, fields, async (source) => {
        // `!= null`: obs-websocket treats a null field as absent.
        const { inputVolumeMul: mul, inputVolumeDb: db } = fields;
        if (mul != null && db != null) return fail(RequestStatus.TooManyRequestFields, 'You may only specify one volume field.');
        const requestedDb = mul != null ? mulToDb(mul) : db;
        if (requestedDb == null) return fail(RequestStatus.MissingRequestField, 'You must specify one volume field: `inputVolumeMul` or `inputVolumeDb`.');
        const gainDb = clampGainDb(requestedDb);
        const done = await callStudio(ctx, 'updateSource', { sourceId: source.id, audio: { gainDb } });
        return done.ok ? ok() : done.result;
      }),
  ),
};
