/**
 * The CLI's commands (picocli): {@code lint}, {@code convert openapi}, and the server
 * commands {@code ping}, {@code validate}, {@code dump}, {@code diff}, {@code sync}.
 */
package io.portico.cli.command;
