/**
 * Tests of the echo server over real HTTP.
 */
package io.portico.echo;
