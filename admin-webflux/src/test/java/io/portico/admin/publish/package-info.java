/**
 * Tests of publishing and of what a group serves.
 */
package io.portico.admin.publish;
