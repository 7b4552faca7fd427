/**
 * An httpbin-compatible echo server: the quickstart's offline upstream and the tests'
 * in-process one.
 */
package io.portico.echo;
