import { breachRoutes } from './breach-routes.ts';
import { breakGlassRoutes } from './break-glass-routes.ts';
import { consentRoutes } from './consent-routes.ts';
import { recordRoutes } from './record-routes.ts';
import { retentionRoutes } from './retention-routes.ts';
import { privacyRoutes } from './routes.ts';

/** The privacy domain's route plugins, for the composition root. */
export const PRIVACY_ROUTE_PLUGINS = [privacyRoutes, retentionRoutes, breachRoutes, breakGlassRoutes, consentRoutes, recordRoutes];
