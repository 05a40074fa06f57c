// OPEN311: forward the report as a service request to the agency's GeoReport v2
// endpoint. The category maps to the endpoint's service_code through the channel's
// `serviceCodes` (the same code when unmapped: two Aduan cities share codes). The
// returned service_request_id (or token) is kept for the status poll.
import { postServiceRequest } from '../open311-client.js';
import { channelSecret, DeliveryFailure, type SendOutcome, type SendRequest } from './sender.js';

export function serviceCodeFor(serviceCodes: unknown, categoryCode: string): string {
  if (serviceCodes && typeof serviceCodes === 'object' && !Array.isArray(serviceCodes)) {
    const mapped = (serviceCodes as Record<string, unknown>)[categoryCode];
    if (typeof mapped === 'string' && mapped) return mapped;
  }
  return categoryCode;
}

export async function sendOpen311(request: SendRequest): Promise<SendOutcome> {
  const { channel, payload } = request;
  if (!channel.url) throw new DeliveryFailure(`The Open311 channel "${channel.name}" has no endpoint URL.`, 'MISCONFIGURED');
  const apiKey = channel.secretEnv ? channelSecret(request) : null;
  const { report } = payload;
  const [firstName, ...rest] = (report.reporter?.name ?? '').split(/\s+/).filter(Boolean);
  const result = await postServiceRequest(
    { baseUrl: channel.url, apiKey, jurisdictionId: channel.jurisdictionId, timeoutMs: request.timeoutMs, env: request.env },
    {
      serviceCode: serviceCodeFor(channel.serviceCodes, report.category.code),
      description: `${report.description}\n\n[${report.trackingCode}] ${report.trackingUrl}`,
      lat: report.point?.lat ?? null,
      long: report.point?.lng ?? null,
      // The spec needs a location; a report routed by name only has its place text and area.
      addressString: report.point ? report.placeText : [report.placeText, report.area.name].filter(Boolean).join(', '),
      email: report.reporter?.email ?? null,
      firstName: firstName ?? null,
      lastName: rest.length ? rest.join(' ') : null,
      phone: report.reporter?.phone ?? null,
      mediaUrl: report.photos[0]?.url ?? null,
    },
  );
  return { statusCode: result.status, remoteId: result.serviceRequestId, remoteToken: result.token };
}
