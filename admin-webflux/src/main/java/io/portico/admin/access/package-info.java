/**
 * Authorization: permissions, the roles that grant them per gateway group, and the one
 * component that enforces the {@link io.portico.admin.access.Permitted} declarations of
 * every endpoint.
 */
package io.portico.admin.access;
