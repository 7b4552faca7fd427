/**
 * Tests of the registry test kit.
 */
package io.portico.registry.testkit;
