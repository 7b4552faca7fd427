/**
 * Tests of the version history: route diffs.
 */
package io.portico.admin.publish.history;
