/**
 * Starts the log upload service (the composition root: the only place that reads the environment).
 *
 *   WARDEN_ENDPOINT=http://127.0.0.1:8642 \
 *   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \   # the service's own key (warden:AuthorizeRequest)
 *   LOG_BUCKET=logs LOG_DIR=./uploaded PORT=9000 \
 *   npx tsx examples/log-upload-service/main.ts
 */
import type { AddressInfo } from 'node:net';
import { WardenAuthorizer } from '../../src/client/index.ts';
import { createLogUploadService } from './service.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`set ${name}`);
  return value;
}

const authorizer = new WardenAuthorizer({
  endpoint: required('WARDEN_ENDPOINT'),
  region: process.env.AWS_REGION ?? 'us-east-1',
  credentials: {
    accessKeyId: required('AWS_ACCESS_KEY_ID'),
    secretAccessKey: required('AWS_SECRET_ACCESS_KEY'),
    ...(process.env.AWS_SESSION_TOKEN ? { sessionToken: process.env.AWS_SESSION_TOKEN } : {}),
  },
});
const server = createLogUploadService({
  authorizer,
  bucket: process.env.LOG_BUCKET ?? 'logs',
  dir: process.env.LOG_DIR ?? './uploaded-logs',
});
server.listen(Number(process.env.PORT ?? 9000), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = server.address() as AddressInfo;
  console.log(`log upload service listening on http://${address}:${port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
