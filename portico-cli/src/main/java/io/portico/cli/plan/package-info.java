/**
 * The plan a diff or sync returns, read and printed for a person: "would create
 * service_template httpbin", coloured on a terminal.
 */
package io.portico.cli.plan;
