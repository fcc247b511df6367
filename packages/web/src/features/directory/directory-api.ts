import type {
  LocationInput, LocationView, OrganizationDetail, OrganizationInput, OrganizationProfileInput, ServiceInput, ServicePatch, ServiceView,
} from '@slrt/core';
import { api } from '../../api/client.ts';

export type { LocationView, ServiceView };
export type { OrganizationDetail };

/** Who manages: the kabupaten (`/organizations`, `/services`) or a partner its own entries (`/partner/...`). */
export type ManageScope = 'kabupaten' | 'own';
const prefix = (scope: ManageScope) => (scope === 'own' ? '/partner' : '');
const enc = encodeURIComponent;

export const directoryApi = {
  organization: (id: string) => api.get<OrganizationDetail>(`/organizations/${enc(id)}`),
  service: (id: string) => api.get<ServiceView>(`/services/${enc(id)}`),
  createOrganization: (body: OrganizationInput) => api.post<OrganizationDetail>('/organizations', body),
  updateOrganization: (id: string, body: Partial<OrganizationInput>) => api.patch<OrganizationDetail>(`/organizations/${enc(id)}`, body),
  updateOwnProfile: (id: string, body: OrganizationProfileInput) => api.patch<OrganizationDetail>(`/partner/organizations/${enc(id)}`, body),
  createService: (scope: ManageScope, body: ServiceInput) => api.post<ServiceView>(`${prefix(scope)}/services`, body),
  updateService: (scope: ManageScope, id: string, body: ServicePatch) => api.patch<ServiceView>(`${prefix(scope)}/services/${enc(id)}`, body),
  createLocation: (scope: ManageScope, body: LocationInput) => api.post<LocationView>(`${prefix(scope)}/locations`, body),
};
