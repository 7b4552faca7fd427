/**
 * Declarative configuration, ADC-style: a file of services (with routes and upstream)
 * compared with a gateway group's state within a scope (the group, a label selector),
 * shown as a plan, and applied in one transaction ({@code /api/declarative/...}).
 */
package io.portico.admin.declarative;
