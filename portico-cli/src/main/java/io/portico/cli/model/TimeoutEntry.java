package io.portico.cli.model;

/**
 * Upstream timeouts in seconds, as ADC writes them; a {@code null} part takes the
 * default.
 *
 * @param connect time to establish a connection
 * @param send ADC's send timeout: accepted and checked, Portico has no separate one
 * @param read time to wait for the response
 */
public record TimeoutEntry(Double connect, Double send, Double read) {

}
