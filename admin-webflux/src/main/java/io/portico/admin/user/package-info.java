/**
 * Users of the admin and the roles they hold per gateway group.
 */
package io.portico.admin.user;
