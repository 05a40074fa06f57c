// Reports reach agencies' own systems: the outbox, the worker that sends it, the
// channels (webhook, e-mail, Open311) and the Open311 status poll.
export { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';
export {
  addChannel,
  CHANNEL_KINDS,
  ChannelError,
  channelSpec,
  listChannels,
  parseChannelSpec,
  removeChannel,
  syncConfigChannels,
  type ChannelSpec,
} from './channels.js';
export { claimDueDeliveries, type ClaimedDelivery } from './claim.js';
export { DEFAULT_DELIVERY_POLL_MS, startDeliveryLoop, type DeliveryLoop, type DeliveryLoopOptions } from './loop.js';
export { liveChannelIds, type DeliveryEvent } from './outbox.js';
export { buildPayload, type DeliveryPayload } from './payload.js';
export { DELIVERY_PHOTOS_PREFIX, PhotoLinkSigner } from './photo-links.js';
export { DEFAULT_OPEN311_POLL_MS, pollOpen311 } from './open311-status.js';
export { deliverAgain, type RedeliverOutcome } from './redeliver.js';
export { SIGNATURE_HEADER, signatureHeader, verifySignature } from './signature.js';
export { DEFAULT_DELIVERY_SETTINGS, defaultWorkerId, runDeliveries, type DeliveryPass, type DeliverySettings, type DeliveryWorkerOptions } from './worker.js';
