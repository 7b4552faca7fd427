/**
 * Tests of the OpenAPI import.
 */
package io.portico.admin.imports;
