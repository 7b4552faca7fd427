/**
 * Portico's control plane: the admin API over gateway groups, the Service Hub and
 * published versions.
 */
package io.portico.admin;
