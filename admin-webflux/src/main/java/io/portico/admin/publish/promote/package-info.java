/**
 * Promoting current versions from one gateway group to another ({@code POST
 * /api/services/sync}, the path API7 uses for the same operation).
 */
package io.portico.admin.publish.promote;
