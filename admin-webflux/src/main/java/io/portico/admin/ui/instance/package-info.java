/**
 * Dashboard page of a gateway group's Gateway Instances: status, address, version, the
 * config revision each applied against the group's, config errors and stale discovery,
 * refreshed in place.
 */
package io.portico.admin.ui.instance;
