/**
 * End-to-end tests: the real admin and gateway jars, a real database, HTTP only.
 */
package io.portico.e2e;
