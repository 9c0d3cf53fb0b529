import type { IncomingMessage } from 'node:http';
import { WardenError } from '../core/index.ts';

/**
 * Reads the raw body as bytes (the signature covers the exact bytes), refusing more than `limit`
 * bytes before anything is parsed: a declared Content-Length over the limit is refused at once.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function tooLarge(limit: number): WardenError {
  return new WardenError('RequestEntityTooLarge', `Request body is larger than the limit of ${limit} bytes.`);
}

/**
 * Merges the query string and a form body into one parameter list (query first, as the Query
 * protocol allows both). A body that is not form-encoded contributes nothing.
 */
export function requestParams(
  rawQuery: string,
  body: Buffer,
  contentType: string | undefined,
): URLSearchParams {
  const params = new URLSearchParams(rawQuery);
  const isForm =
    contentType === undefined || contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
  if (body.length > 0 && isForm) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.append(name, value);
  }
  return params;
}
