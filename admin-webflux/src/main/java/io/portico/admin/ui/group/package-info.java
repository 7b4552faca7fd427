/**
 * Dashboard page of the gateway groups: list, create, edit and delete, with the server's
 * reasons when a group cannot be deleted.
 */
package io.portico.admin.ui.group;
