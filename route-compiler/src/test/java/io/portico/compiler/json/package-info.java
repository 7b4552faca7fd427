/**
 * Tests of the stored JSON format.
 */
package io.portico.compiler.json;
