/**
 * Authorization's model: permissions, the roles that grant them per gateway group, the
 * {@link io.portico.admin.access.Permitted} declarations of every endpoint, and who calls
 * ({@link io.portico.admin.access.Caller},
 * {@link io.portico.admin.access.PorticoPrincipal}). Enforced by
 * {@code security.AccessInterceptor}.
 */
package io.portico.admin.access;
