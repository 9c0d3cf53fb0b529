export * from './authorize-client.ts';
export * from './middleware.ts';
export { awsErrorXml } from './aws-error-xml.ts';
