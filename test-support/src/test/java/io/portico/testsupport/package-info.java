/**
 * Tests of the shared test fixtures.
 */
package io.portico.testsupport;
