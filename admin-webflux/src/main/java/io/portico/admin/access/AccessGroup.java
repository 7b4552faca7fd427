package io.portico.admin.access;

/**
 * The gateway group the access check of the current request was made in, kept in the
 * Reactor context for the audit log.
 *
 * @param id the group id
 */
public record AccessGroup(String id) {

}
