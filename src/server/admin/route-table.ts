import type { AdminRoutes } from './routes.ts';

/** Every admin operation: one line each, the handler in its own module. */
export const ADMIN_ROUTES: AdminRoutes = {};
