/**
 * The version history of a published service in a group: listing versions, comparing two
 * (also across groups), and rolling back to an earlier one.
 */
package io.portico.admin.publish.history;
