import type { AdminRoutes } from './routes.ts';
import { createAccountRoute, listAccountsRoute } from './account-routes.ts';
import { listEventsRoute } from '../events/list-events-route.ts';
import { registerWorkloadRoute } from '../workloads/register-route.ts';
import { deregisterWorkloadRoute, listWorkloadsRoute } from '../workloads/manage-routes.ts';

/** Every admin operation: one line each, the handler in its own module. */
export const ADMIN_ROUTES: AdminRoutes = {
  'POST /admin/v1/accounts': createAccountRoute,
  'GET /admin/v1/accounts': listAccountsRoute,
  'GET /admin/v1/events': listEventsRoute,
  'POST /admin/v1/workloads': registerWorkloadRoute,
  'GET /admin/v1/workloads': listWorkloadsRoute,
  'DELETE /admin/v1/workloads': deregisterWorkloadRoute,
};
