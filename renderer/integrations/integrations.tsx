/**
 * The page's one integrations store, connected to the page's host once by
 * <IntegrationsConnection/>; the header, the incident detail, the shift
 * panel and Settings read it through the hooks below.
 */
import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { Delivery } from '../../src/contract/integrations.js';
import { getHost } from '../host/index.js';
import { openSettings } from '../settings/settings.js';
import { connectIntegrations } from './connect-integrations.js';
import { createIntegrationsStore, type IntegrationsState } from './integrations-store.js';

export const integrationsStore = createIntegrationsStore();

/** Selectors must return stable values (primitives or store-held objects). */
export const useIntegrations = <T,>(selector: (s: IntegrationsState) => T): T => useStore(integrationsStore, selector);

/** Opens Settings at its Integrations part (the header's "Set up"). */
let openAtIntegrations = false;
export function openIntegrationSettings(): void {
  openAtIntegrations = true;
  openSettings();
}
/** Whether this opening of Settings asked for the Integrations part; asked once per opening. */
export function takeOpenAtIntegrations(): boolean {
  const at = openAtIntegrations;
  openAtIntegrations = false;
  return at;
}

export function IntegrationsConnection() {
  useEffect(() => connectIntegrations(getHost(), integrationsStore), []);
  return null;
}

/** The incident's deliveries, read while a view shows them; undefined before the first answer. */
export function useDeliveries(incidentId: string): Delivery[] | undefined {
  useEffect(() => integrationsStore.getState().watch(incidentId), [incidentId]);
  return useIntegrations((s) => s.deliveries[incidentId]);
}
