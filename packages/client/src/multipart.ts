/**
 * The GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * form fields `operations`, then `map`, then one field per file, in that order — servers
 * stream the body and need the map before the files.
 */
import { AduanNetworkError, reasonForStatus, unwrap } from './errors.js';
import { SubmitReportDocument } from './operations.js';
import type { SubmitReportInput, SubmitReportResult } from './types.js';

export interface UploadProgress {
  loaded: number;
  total: number;
}

/** Builds the multipart body for `submitReport` with `photos` under `variables.input.photos`. */
export function buildSubmitReportBody(input: SubmitReportInput, photos: readonly Blob[]): FormData {
  const variables = { input: { ...input, photos: photos.map(() => null) } };
  const map: Record<string, string[]> = {};
  photos.forEach((_, i) => {
    map[String(i)] = [`variables.input.photos.${i}`];
  });
  const body = new FormData();
  body.append('operations', JSON.stringify({ query: SubmitReportDocument, variables }));
  body.append('map', JSON.stringify(map));
  for (const [i, photo] of photos.entries()) body.append(String(i), photo, `photo-${i + 1}.${extension(photo.type)}`);
  return body;
}

function extension(type: string): string {
  return type === 'image/png' ? 'png' : type === 'image/webp' ? 'webp' : 'jpg';
}

export interface SubmitReportMultipartOptions {
  url: string;
  input: SubmitReportInput;
  photos: readonly Blob[];
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** For tests and non-browser runtimes. */
  xhr?: () => XMLHttpRequest;
}

/**
 * POSTs `submitReport` as a multipart request with XMLHttpRequest, because fetch cannot
 * report upload progress. Rejects with AduanNetworkError when no GraphQL answer arrives.
 */
export function submitReportMultipart(options: SubmitReportMultipartOptions): Promise<SubmitReportResult> {
  const { url, input, photos, onProgress, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const xhr = options.xhr ? options.xhr() : new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/graphql-response+json, application/json');
    xhr.responseType = 'text';
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
    }
    const fail = () => reject(new AduanNetworkError('Network request failed'));
    xhr.onerror = fail;
    xhr.ontimeout = fail;
    xhr.onabort = () => reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        return reject(new AduanNetworkError(`HTTP ${xhr.status}`, reasonForStatus(xhr.status)));
      }
      try {
        resolve(unwrap(body as { data?: { submitReport: SubmitReportResult } }).submitReport);
      } catch (error) {
        reject(error);
      }
    };
    xhr.send(buildSubmitReportBody(input, photos));
  });
}
