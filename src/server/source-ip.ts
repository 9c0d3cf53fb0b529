import type { IncomingMessage } from 'node:http';

/** The client's address as policies see it (aws:SourceIp): IPv4-mapped IPv6 unwrapped. */
export function sourceIpOf(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
