/**
 * Gateway groups and their config revision.
 */
package io.portico.admin.group;
