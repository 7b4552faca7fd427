/**
 * Tests of the route compiler: golden files and unit tests.
 */
package io.portico.compiler;
