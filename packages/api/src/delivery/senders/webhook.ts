// WEBHOOK: POST the payload as JSON, signed. Any 2xx is delivered; anything else
// (another status, a redirect, a timeout, a refused connection) is a failed attempt
// to retry. Redirects are not followed: the signature is for the configured URL.
import { SIGNATURE_HEADER, signatureHeader } from '../signature.js';
import { deliveryFetch } from '../targets.js';
import { channelSecret, DeliveryFailure, describeNetworkError, networkErrorKind, snippet, type SendOutcome, type SendRequest } from './sender.js';

export const USER_AGENT = 'Aduan-Webhook/1';

export async function sendWebhook(request: SendRequest): Promise<SendOutcome> {
  const { channel, payload } = request;
  if (!channel.url) throw new DeliveryFailure(`The webhook channel "${channel.name}" has no URL.`, 'MISCONFIGURED');
  const secret = channelSecret(request);
  const body = JSON.stringify(payload);
  const unixSeconds = Math.floor(request.now.getTime() / 1000);
  let response: Response;
  try {
    response = await deliveryFetch(
      channel.url,
      {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': USER_AGENT,
          'aduan-delivery': payload.deliveryId,
          'idempotency-key': payload.deliveryId,
          'aduan-event': payload.event,
          'aduan-attempt': String(request.attempt),
          [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(secret, body, unixSeconds),
        },
        body,
      },
      request.env,
    );
  } catch (error) {
    throw new DeliveryFailure(describeNetworkError(error, request.timeoutMs), networkErrorKind(error));
  }
  // Read (and drop) the body so the connection can be reused; a slow body is cut by the same timeout.
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return { statusCode: response.status };
  throw new DeliveryFailure(`The receiver answered ${response.status}${text ? `: ${snippet(text)}` : ''}.`, 'REFUSED', response.status);
}
