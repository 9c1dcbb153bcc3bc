// ozon-seller-api/push: the push notification receiver (createPushHandler) and the sender for
// local tests (sendPush). Its own entry point, so a client that does not receive pushes does not
// carry the payload tables and examples.
export { createPushHandler, type PushHandler, type PushRequestInfo, type NodePushRequest, type NodePushResponse } from './handler.js';
export { PushError } from './answers.js';
export { DEFAULT_PUSH_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES } from './core.js';
export { OZON_PUSH_SOURCES } from './sources.js';
export { checkPayload } from './validate.js';
export { sendPush, pushPayload, judgeAnswer, OZON_PUSH_LIMIT_MS, type PushDelivery, type PushProblem, type SendPushOptions } from './send.js';
export { pushTypes, pushSchemas, deprecatedPushTypes } from '../../generated/push.js';
export type { PushSchema } from './validate.js';
export type * from './types.js';
