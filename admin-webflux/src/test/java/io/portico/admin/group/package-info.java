/**
 * Tests of gateway groups.
 */
package io.portico.admin.group;
