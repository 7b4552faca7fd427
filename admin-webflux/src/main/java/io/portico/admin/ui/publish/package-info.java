/**
 * Dashboard pages of publishing: the Publish New Version wizard, a group's Published
 * Services with their runtime configuration, version history, compare, rollback, promote,
 * canary and unpublish.
 */
package io.portico.admin.ui.publish;
