/**
 * The two validation layers and the codes they answer with: message data
 * (close codes 4003/4004/4005) and requestData (request statuses 300-403).
 */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { IdentifySchema, RequestBatchSchema, RequestSchema, checkData, hasValueAt, readBatchEntry } from '../../../../../main/remote/obs/messages';
import { InputSelector, checkRequestData } from '../../../../../main/remote/obs/request-kit';
import { CloseCode, RequestStatus } from '../../../../../main/remote/obs/protocol';

describe('message data -> close code', () => {
  it.each([
    ['Identify without rpcVersion', IdentifySchema, {}, CloseCode.MissingDataField],
    ['Identify with a null rpcVersion', IdentifySchema, { rpcVersion: null }, CloseCode.InvalidDataFieldType],
    ['Identify with rpcVersion "1"', IdentifySchema, { rpcVersion: '1' }, CloseCode.InvalidDataFieldType],
    ['Identify with eventSubscriptions -1', IdentifySchema, { rpcVersion: 1, eventSubscriptions: -1 }, CloseCode.InvalidDataFieldValue],
    ['Request without requestId', RequestSchema, { requestType: 'GetVersion' }, CloseCode.MissingDataField],
    ['Request without requestType', RequestSchema, { requestId: 'a' }, CloseCode.MissingDataField],
    ['Request with a numeric requestType', RequestSchema, { requestId: 'a', requestType: 5 }, CloseCode.InvalidDataFieldType],
    ['RequestBatch with requests as an object', RequestBatchSchema, { requestId: 'a', requests: {} }, CloseCode.InvalidDataFieldType],
    ['RequestBatch with executionType -1 (None)', RequestBatchSchema, { requestId: 'a', requests: [], executionType: -1 }, CloseCode.InvalidDataFieldValue],
    ['RequestBatch with executionType 7', RequestBatchSchema, { requestId: 'a', requests: [], executionType: 7 }, CloseCode.InvalidDataFieldValue],
    ['RequestBatch with haltOnFailure "yes"', RequestBatchSchema, { requestId: 'a', requests: [], haltOnFailure: 'yes' }, CloseCode.InvalidDataFieldType],
    ['RequestBatch of 501 requests', RequestBatchSchema, { requestId: 'a', requests: new Array(501).fill({}) }, CloseCode.InvalidDataFieldValue],
  ])('%s', (_what, schema: z.ZodType, data: Record<string, unknown>, code) => {
    const checked = checkData(schema, data);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.refusal.code).toBe(code);
      expect(checked.refusal.reason.length).toBeGreaterThan(0);
    }
  });

  it('accepts what real clients send, extra fields included', () => {
    expect(checkData(IdentifySchema, { rpcVersion: 1, eventSubscriptions: 4095, ignoreInvalidMessages: false })).toEqual({ ok: true, value: { rpcVersion: 1, eventSubscriptions: 4095 } });
    expect(checkData(RequestBatchSchema, { requestId: 'b', requests: [], executionType: null, haltOnFailure: true }).ok).toBe(true);
  });

  it('reads batch entries without trusting their shape', () => {
    expect(readBatchEntry({ requestType: 'GetVersion', requestId: 7, requestData: { a: 1 } })).toEqual({ requestType: 'GetVersion', requestId: 7, requestData: { a: 1 } });
    expect(readBatchEntry('GetVersion')).toEqual({ requestType: '', requestData: undefined });
    expect(readBatchEntry({ requestType: 42, requestId: { evil: true } })).toEqual({ requestType: '', requestData: undefined });
  });

  it('hasValueAt follows own properties only', () => {
    expect(hasValueAt({ a: { b: 0 } }, ['a', 'b'])).toBe(true);
    expect(hasValueAt({ a: { b: null } }, ['a', 'b'])).toBe(false);
    expect(hasValueAt({}, ['toString'])).toBe(false);
    expect(hasValueAt({ list: [1] }, ['list', 0])).toBe(true);
    expect(hasValueAt({ a: null }, ['a'], { nullIsValue: true })).toBe(true);
  });
});

describe('requestData -> request status', () => {
  const SetMute = InputSelector.extend({ inputMuted: z.boolean() });
  const Volume = z.object({ inputVolumeDb: z.number().min(-100).max(26).nullish(), name: z.string().min(1).max(5).nullish() });

  it.each([
    ['no requestData when a field is needed', SetMute, undefined, RequestStatus.MissingRequestData],
    ['requestData that is an array', SetMute, [true], RequestStatus.MissingRequestData],
    ['a missing field', SetMute, { inputName: 'Mic' }, RequestStatus.MissingRequestField],
    ['a field of the wrong type', SetMute, { inputName: 'Mic', inputMuted: 'yes' }, RequestStatus.InvalidRequestFieldType],
    ['an empty string', SetMute, { inputName: '', inputMuted: true }, RequestStatus.RequestFieldEmpty],
    ['a number below its range', Volume, { inputVolumeDb: -101 }, RequestStatus.RequestFieldOutOfRange],
    ['a number above its range', Volume, { inputVolumeDb: 27 }, RequestStatus.RequestFieldOutOfRange],
    ['a string too long', Volume, { name: 'toolong' }, RequestStatus.InvalidRequestField],
  ])('%s', (_what, schema: z.ZodType, data: unknown, status) => {
    const checked = checkRequestData(schema, data);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.result.status).toBe(status);
  });

  it('treats null as absent and ignores unknown fields', () => {
    expect(checkRequestData(SetMute, { inputName: null, inputUuid: 'src_mic', inputMuted: false, canvasUuid: 'x' })).toEqual({
      ok: true,
      value: { inputName: null, inputUuid: 'src_mic', inputMuted: false },
    });
  });

  it('needs no requestData when every field is optional', () => {
    expect(checkRequestData(Volume, undefined)).toEqual({ ok: true, value: {} });
  });
});
