/**
 * Live endpoints of discovery upstreams: one registry client per connection, one watch
 * per service in use, stale endpoints kept on errors.
 */
package io.portico.gateway.discovery;
