// A small client for someone else's Open311 GeoReport v2 endpoint: file a service
// request, resolve a token to its service_request_id, and read a request's status.
// JSON only (every v2 server speaks it). Failures are DeliveryFailure with the
// endpoint's own error description when it gave one.
import { DeliveryFailure, describeNetworkError, networkErrorKind, snippet } from './senders/sender.js';
import { deliveryFetch } from './targets.js';

export interface Open311Endpoint {
  /** The endpoint's base, e.g. `https://311.example.go.id/open311/v2/`. */
  baseUrl: string;
  apiKey: string | null;
  jurisdictionId: string | null;
  timeoutMs: number;
  /** Where ADUAN_ALLOW_PRIVATE_TARGETS is read (delivery/targets.ts). */
  env: NodeJS.ProcessEnv;
}

export interface RemoteRequest {
  serviceRequestId: string;
  status: 'open' | 'closed';
  statusNotes: string | null;
  updatedAt: string | null;
}

/** `https://x/v2` and `https://x/v2/` both end in one slash, so relative paths resolve under it. */
function endpointUrl(endpoint: Open311Endpoint, path: string, query: Record<string, string | null> = {}): URL {
  const base = endpoint.baseUrl.endsWith('/') ? endpoint.baseUrl : `${endpoint.baseUrl}/`;
  const url = new URL(path, base);
  for (const [key, value] of Object.entries(query)) if (value !== null) url.searchParams.set(key, value);
  if (endpoint.jurisdictionId) url.searchParams.set('jurisdiction_id', endpoint.jurisdictionId);
  return url;
}

async function call(endpoint: Open311Endpoint, url: URL, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await deliveryFetch(
      url,
      {
        ...(init as object),
        redirect: 'manual',
        signal: AbortSignal.timeout(endpoint.timeoutMs),
        headers: { accept: 'application/json', ...(init.headers as Record<string, string>) },
      },
      endpoint.env,
    );
  } catch (error) {
    throw new DeliveryFailure(describeNetworkError(error, endpoint.timeoutMs), networkErrorKind(error));
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status < 200 || response.status >= 300) {
    const described = Array.isArray(body) ? (body as { description?: unknown }[]).map((e) => e?.description).filter((d) => typeof d === 'string') : [];
    const detail = described.length ? described.join('; ') : snippet(text);
    throw new DeliveryFailure(`The Open311 endpoint answered ${response.status}${detail ? `: ${detail}` : ''}.`, 'REFUSED', response.status);
  }
  return { status: response.status, body };
}

export interface NewServiceRequest {
  serviceCode: string;
  description: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  mediaUrl: string | null;
}

/** POST requests.json; the id, or a token to resolve later. */
export async function postServiceRequest(
  endpoint: Open311Endpoint,
  request: NewServiceRequest,
): Promise<{ status: number; serviceRequestId: string | null; token: string | null }> {
  const form = new URLSearchParams();
  const put = (key: string, value: string | number | null) => {
    if (value !== null && value !== '') form.set(key, String(value));
  };
  put('api_key', endpoint.apiKey);
  put('jurisdiction_id', endpoint.jurisdictionId);
  put('service_code', request.serviceCode);
  put('description', request.description);
  put('lat', request.lat);
  put('long', request.long);
  put('address_string', request.addressString);
  put('email', request.email);
  put('first_name', request.firstName);
  put('last_name', request.lastName);
  put('phone', request.phone);
  put('media_url', request.mediaUrl);
  const base = endpoint.baseUrl.endsWith('/') ? endpoint.baseUrl : `${endpoint.baseUrl}/`;
  const { status, body } = await call(endpoint, new URL('requests.json', base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  const id =
    typeof first?.['service_request_id'] === 'string' || typeof first?.['service_request_id'] === 'number' ? String(first['service_request_id']) : null;
  const token = typeof first?.['token'] === 'string' || typeof first?.['token'] === 'number' ? String(first['token']) : null;
  if (!id && !token)
    throw new DeliveryFailure('The Open311 endpoint accepted the request but returned neither a service_request_id nor a token.', 'BAD_ANSWER', status);
  return { status, serviceRequestId: id, token };
}

/** GET tokens/{token}.json: the service_request_id once the endpoint has one. */
export async function resolveToken(endpoint: Open311Endpoint, token: string): Promise<string | null> {
  const { body } = await call(endpoint, endpointUrl(endpoint, `tokens/${encodeURIComponent(token)}.json`));
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  const id = first?.['service_request_id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** GET requests/{id}.json. */
export async function fetchServiceRequest(endpoint: Open311Endpoint, serviceRequestId: string): Promise<RemoteRequest> {
  const { body } = await call(endpoint, endpointUrl(endpoint, `requests/${encodeURIComponent(serviceRequestId)}.json`));
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : undefined;
  if (!first) throw new DeliveryFailure(`The Open311 endpoint returned no request for ${serviceRequestId}.`, 'BAD_ANSWER');
  const status = String(first['status'] ?? '').toLowerCase();
  if (status !== 'open' && status !== 'closed')
    throw new DeliveryFailure(`The Open311 endpoint gave an unknown status "${String(first['status'])}".`, 'BAD_ANSWER');
  const notes = first['status_notes'];
  const updated = first['updated_datetime'];
  return {
    serviceRequestId,
    status,
    statusNotes: typeof notes === 'string' && notes.trim() ? notes.trim() : null,
    updatedAt: typeof updated === 'string' ? updated : null,
  };
}
