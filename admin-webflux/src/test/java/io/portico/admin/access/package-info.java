/**
 * Tests of authorization: what each role may do in which gateway group.
 */
package io.portico.admin.access;
