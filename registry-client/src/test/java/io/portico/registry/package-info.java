/**
 * Tests of the registry clients against real or mock registry servers.
 */
package io.portico.registry;
