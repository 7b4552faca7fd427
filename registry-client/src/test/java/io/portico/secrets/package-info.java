/**
 * Tests of the secrets cipher and its keys.
 */
package io.portico.secrets;
