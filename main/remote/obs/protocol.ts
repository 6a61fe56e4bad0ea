/**
 * obs-websocket 5.x protocol constants (docs/generated/protocol.md of
 * obsproject/obs-websocket). Names and numbers are the protocol's own, so a
 * reader can match every value here against the spec.
 *
 * Status codes are grouped in numeric ranges, as obs-websocket does:
 * 1xx success, 2xx the request itself, 3xx missing fields, 4xx bad fields,
 * 5xx output/studio-mode state, 6xx resources, 7xx processing.
 */

/** The one RPC version the protocol defines so far; Identify must ask for it. */
export const RPC_VERSION = 1;
/** The obs-websocket feature level we answer like (request names and fields of 5.5). */
export const OBS_WEBSOCKET_VERSION = '5.5.0';
/**
 * Clients read `obsVersion` as a feature hint (some compare it to 28+ before using
 * 5.x requests), so we report the OBS release whose obs-websocket we follow, and
 * say who we really are in `platformDescription`.
 */
export const OBS_COMPAT_VERSION = '30.2.0';

export const SUBPROTOCOL_JSON = 'obswebsocket.json';
export const SUBPROTOCOL_MSGPACK = 'obswebsocket.msgpack';
export type Subprotocol = typeof SUBPROTOCOL_JSON | typeof SUBPROTOCOL_MSGPACK;

export const OpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
  RequestBatch: 8,
  RequestBatchResponse: 9,
} as const;
export type OpCode = (typeof OpCode)[keyof typeof OpCode];

export const CloseCode = {
  UnknownReason: 4000,
  MessageDecodeError: 4002,
  MissingDataField: 4003,
  InvalidDataFieldType: 4004,
  InvalidDataFieldValue: 4005,
  UnknownOpCode: 4006,
  NotIdentified: 4007,
  AlreadyIdentified: 4008,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
  UnsupportedFeature: 4012,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Standard WebSocket close codes we use where the protocol has none of its own. */
export const WS_GOING_AWAY = 1001;
export const WS_POLICY_VIOLATION = 1008;

export const RequestBatchExecutionType = {
  None: -1,
  SerialRealtime: 0,
  SerialFrame: 1,
  Parallel: 2,
} as const;
export type RequestBatchExecutionType = (typeof RequestBatchExecutionType)[keyof typeof RequestBatchExecutionType];

export const RequestStatus = {
  Success: 100,
  MissingRequestType: 203,
  UnknownRequestType: 204,
  GenericError: 205,
  UnsupportedRequestBatchExecutionType: 206,
  NotReady: 207,
  MissingRequestField: 300,
  MissingRequestData: 301,
  InvalidRequestField: 400,
  InvalidRequestFieldType: 401,
  RequestFieldOutOfRange: 402,
  RequestFieldEmpty: 403,
  TooManyRequestFields: 404,
  OutputRunning: 500,
  OutputNotRunning: 501,
  OutputPaused: 502,
  OutputNotPaused: 503,
  OutputDisabled: 504,
  StudioModeActive: 505,
  StudioModeNotActive: 506,
  ResourceNotFound: 600,
  ResourceAlreadyExists: 601,
  InvalidResourceType: 602,
  NotEnoughResources: 603,
  InvalidResourceState: 604,
  InvalidInputKind: 605,
  ResourceNotConfigurable: 606,
  InvalidFilterKind: 607,
  ResourceCreationFailed: 700,
  ResourceActionFailed: 701,
  RequestProcessingFailed: 702,
  CannotAct: 703,
} as const;
export type RequestStatus = (typeof RequestStatus)[keyof typeof RequestStatus];

/** Event categories a client subscribes to in Identify/Reidentify (a bitmask). */
export const EventSubscription = {
  None: 0,
  General: 1 << 0,
  Config: 1 << 1,
  Scenes: 1 << 2,
  Inputs: 1 << 3,
  Transitions: 1 << 4,
  Filters: 1 << 5,
  Outputs: 1 << 6,
  SceneItems: 1 << 7,
  MediaInputs: 1 << 8,
  Vendors: 1 << 9,
  Ui: 1 << 10,
  /** Added after 5.5 (canvases); listed so a client's default mask reads sensibly. We send no canvas events. */
  Canvases: 1 << 11,
  // High-volume events: never part of All, each must be asked for by name.
  InputVolumeMeters: 1 << 16,
  InputActiveStateChanged: 1 << 17,
  InputShowStateChanged: 1 << 18,
  SceneItemTransformChanged: 1 << 19,
} as const;
/** Every low-volume category: the default when Identify gives no mask. */
export const EVENT_SUBSCRIPTION_ALL =
  EventSubscription.General |
  EventSubscription.Config |
  EventSubscription.Scenes |
  EventSubscription.Inputs |
  EventSubscription.Transitions |
  EventSubscription.Filters |
  EventSubscription.Outputs |
  EventSubscription.SceneItems |
  EventSubscription.MediaInputs |
  EventSubscription.Vendors |
  EventSubscription.Ui;

export const ObsOutputState = {
  Unknown: 'OBS_WEBSOCKET_OUTPUT_UNKNOWN',
  Starting: 'OBS_WEBSOCKET_OUTPUT_STARTING',
  Started: 'OBS_WEBSOCKET_OUTPUT_STARTED',
  Stopping: 'OBS_WEBSOCKET_OUTPUT_STOPPING',
  Stopped: 'OBS_WEBSOCKET_OUTPUT_STOPPED',
  Reconnecting: 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  Reconnected: 'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
} as const;
export type ObsOutputState = (typeof ObsOutputState)[keyof typeof ObsOutputState];

/** One message on the wire: `op` plus its data object `d`. */
export interface ObsMessage {
  op: OpCode;
  d: Record<string, unknown>;
}

export interface RequestStatusObject {
  result: boolean;
  code: RequestStatus;
  comment?: string;
}

/** An event as the translator produces it, before it is framed as op 5. */
export interface ObsEvent {
  eventType: string;
  /** The subscription bit a client needs to receive it. */
  eventIntent: number;
  eventData?: Record<string, unknown>;
}
