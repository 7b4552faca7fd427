/**
 * Test fixtures shared between modules: real PostgreSQL, one schema per test class.
 */
package io.portico.testsupport;
