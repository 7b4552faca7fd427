/**
 * The admin API client of the server commands: JDK HTTP client, {@code X-API-KEY}
 * authentication, RFC 9457 problem details.
 */
package io.portico.cli.http;
