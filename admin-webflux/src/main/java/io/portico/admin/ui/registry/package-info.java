/**
 * Dashboard pages of a gateway group's Service Registries: connections with a live status
 * badge, Add Service Registry Connection, check history and what a registry offers.
 */
package io.portico.admin.ui.registry;
