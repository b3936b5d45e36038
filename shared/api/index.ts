/** The county service's client, shared by the task pane and the CLI; its error model is the Worker's too. */
export * from './client.js';
export * from './decisions.js';
export * from './error.js';
export type { AbortSignalLike, Fetch, Gzip, ServiceRequest, ServiceResponse } from './platform.js';
export * from './retry.js';
export * from './service.js';
export * from './url.js';
