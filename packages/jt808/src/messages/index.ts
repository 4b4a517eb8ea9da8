// The one table of message codecs. Every message id the package knows is registered here; any other
// id decodes to a `RawMessage` and encodes back from it unchanged.
import { terminalGeneralResponse, type TerminalGeneralResponse } from './0001-terminal-general-response.js';
import { heartbeat, type Heartbeat } from './0002-heartbeat.js';
import { logout, type Logout } from './0003-logout.js';
import { serverTimeQuery, type ServerTimeQuery } from './0004-server-time-query.js';
import { terminalResendRequest, type TerminalResendRequest } from './0005-terminal-resend-request.js';
import { register, type Register } from './0100-register.js';
import { authentication, type Authentication } from './0102-authentication.js';
import { parametersResponse, type ParametersResponse } from './0104-parameters-response.js';
import { terminalAttributes, type TerminalAttributes } from './0107-terminal-attributes.js';
import { locationReport, type LocationReport } from './0200-location-report.js';
import { locationQueryResponse, type LocationQueryResponse } from './0201-location-query-response.js';
import { driverIdentity, type DriverIdentity } from './0702-driver-identity.js';
import { locationBatch, type LocationBatch } from './0704-location-batch.js';
import { multimediaEvent, type MultimediaEvent } from './0800-multimedia-event.js';
import { multimediaData, type MultimediaData } from './0801-multimedia-data.js';
import { uplinkPassThrough, type UplinkPassThrough } from './0900-uplink-pass-through.js';
import { alarmAttachmentInfo, type AlarmAttachmentInfo } from './1210-alarm-attachment-info.js';
import { fileInfoUpload, type FileInfoUpload } from './1211-file-info-upload.js';
import { fileUploadComplete, type FileUploadComplete } from './1212-file-upload-complete.js';
import { platformGeneralResponse, type PlatformGeneralResponse } from './8001-platform-general-response.js';
import { platformResendRequest, type PlatformResendRequest } from './8003-platform-resend-request.js';
import { serverTime, type ServerTime } from './8004-server-time.js';
import { registerResponse, type RegisterResponse } from './8100-register-response.js';
import { setParameters, type SetParameters } from './8103-set-parameters.js';
import { queryParameters, type QueryParameters } from './8104-query-parameters.js';
import { terminalControl, type TerminalControl } from './8105-terminal-control.js';
import { queryAttributes, type QueryAttributes } from './8107-query-attributes.js';
import { locationQuery, type LocationQuery } from './8201-location-query.js';
import { trackingControl, type TrackingControl } from './8202-tracking-control.js';
import { textMessage, type TextMessage } from './8300-text-message.js';
import { setCircleAreas, type SetCircleAreas } from './8600-set-circle-areas.js';
import { deleteCircleAreas, type DeleteCircleAreas } from './8601-delete-circle-areas.js';
import { setRectangleAreas, type SetRectangleAreas } from './8602-set-rectangle-areas.js';
import { deleteRectangleAreas, type DeleteRectangleAreas } from './8603-delete-rectangle-areas.js';
import { setPolygonArea, type SetPolygonArea } from './8604-set-polygon-area.js';
import { deletePolygonAreas, type DeletePolygonAreas } from './8605-delete-polygon-areas.js';
import { setRoute, type SetRoute } from './8606-set-route.js';
import { deleteRoutes, type DeleteRoutes } from './8607-delete-routes.js';
import { downlinkPassThrough, type DownlinkPassThrough } from './8900-downlink-pass-through.js';
import { alarmAttachmentUpload, type AlarmAttachmentUpload } from './9208-alarm-attachment-upload.js';
import {
  fileUploadCompleteResponse,
  type FileUploadCompleteResponse,
} from './9212-file-upload-complete-response.js';
import type { MessageCodec } from './types.js';

/** A message whose id is not in the table (or an encrypted body): kept as bytes. */
export interface RawMessage {
  type: 'raw';
  id: number;
  body: Uint8Array;
}

/** One package of a sub-packaged message: collect with a `Reassembler`, then `decodeBody`. */
export interface FragmentMessage {
  type: 'fragment';
  id: number;
  body: Uint8Array;
}

export type KnownMessage =
  | TerminalGeneralResponse
  | Heartbeat
  | Logout
  | ServerTimeQuery
  | TerminalResendRequest
  | Register
  | Authentication
  | ParametersResponse
  | TerminalAttributes
  | LocationReport
  | LocationQueryResponse
  | DriverIdentity
  | LocationBatch
  | MultimediaEvent
  | MultimediaData
  | UplinkPassThrough
  | AlarmAttachmentInfo
  | FileInfoUpload
  | FileUploadComplete
  | PlatformGeneralResponse
  | PlatformResendRequest
  | ServerTime
  | RegisterResponse
  | SetParameters
  | QueryParameters
  | TerminalControl
  | QueryAttributes
  | LocationQuery
  | TrackingControl
  | TextMessage
  | SetCircleAreas
  | DeleteCircleAreas
  | SetRectangleAreas
  | DeleteRectangleAreas
  | SetPolygonArea
  | DeletePolygonAreas
  | SetRoute
  | DeleteRoutes
  | DownlinkPassThrough
  | AlarmAttachmentUpload
  | FileUploadCompleteResponse;

export type Message = KnownMessage | RawMessage | FragmentMessage;

export type MessageType = Message['type'];

type AnyCodec = MessageCodec<{ type: string }>;

export const MESSAGE_CODECS = [
  terminalGeneralResponse,
  heartbeat,
  logout,
  serverTimeQuery,
  terminalResendRequest,
  register,
  authentication,
  parametersResponse,
  terminalAttributes,
  locationReport,
  locationQueryResponse,
  driverIdentity,
  locationBatch,
  multimediaEvent,
  multimediaData,
  uplinkPassThrough,
  alarmAttachmentInfo,
  fileInfoUpload,
  fileUploadComplete,
  platformGeneralResponse,
  platformResendRequest,
  serverTime,
  registerResponse,
  setParameters,
  queryParameters,
  terminalControl,
  queryAttributes,
  locationQuery,
  trackingControl,
  textMessage,
  setCircleAreas,
  deleteCircleAreas,
  setRectangleAreas,
  deleteRectangleAreas,
  setPolygonArea,
  deletePolygonAreas,
  setRoute,
  deleteRoutes,
  downlinkPassThrough,
  alarmAttachmentUpload,
  fileUploadCompleteResponse,
] as unknown as readonly AnyCodec[];

export const codecById = new Map<number, AnyCodec>();
export const codecByType = new Map<string, AnyCodec>();
for (const c of MESSAGE_CODECS) {
  codecById.set(c.id, c);
  codecByType.set(c.type, c);
}

/** Message id for a message value. */
export function messageIdOf(m: Message): number {
  if (m.type === 'raw' || m.type === 'fragment') return m.id;
  return codecByType.get(m.type)!.id;
}

export * from './0001-terminal-general-response.js';
export * from './0002-heartbeat.js';
export * from './0003-logout.js';
export * from './0004-server-time-query.js';
export * from './0005-terminal-resend-request.js';
export * from './0100-register.js';
export * from './0102-authentication.js';
export * from './0104-parameters-response.js';
export * from './0107-terminal-attributes.js';
export * from './0200-location-report.js';
export * from './0201-location-query-response.js';
export * from './0702-driver-identity.js';
export * from './0704-location-batch.js';
export * from './0800-multimedia-event.js';
export * from './0801-multimedia-data.js';
export * from './0900-uplink-pass-through.js';
export * from './1210-alarm-attachment-info.js';
export * from './1211-file-info-upload.js';
export * from './1212-file-upload-complete.js';
export * from './8001-platform-general-response.js';
export * from './8003-platform-resend-request.js';
export * from './8004-server-time.js';
export * from './8100-register-response.js';
export * from './8103-set-parameters.js';
export * from './8104-query-parameters.js';
export * from './8105-terminal-control.js';
export * from './8107-query-attributes.js';
export * from './8201-location-query.js';
export * from './8202-tracking-control.js';
export * from './8300-text-message.js';
export * from './8600-set-circle-areas.js';
export * from './8601-delete-circle-areas.js';
export * from './8602-set-rectangle-areas.js';
export * from './8603-delete-rectangle-areas.js';
export * from './8604-set-polygon-area.js';
export * from './8605-delete-polygon-areas.js';
export * from './8606-set-route.js';
export * from './8607-delete-routes.js';
export * from './8900-downlink-pass-through.js';
export * from './9208-alarm-attachment-upload.js';
export * from './9212-file-upload-complete-response.js';
export type { Location } from './location.js';
export type { AreaLimits, LatLon } from './areas.js';
export type { TerminalParameter } from './parameters.js';
export { PARAMETERS, parameterName } from './parameters.js';
export type { MultimediaHead } from './multimedia.js';
