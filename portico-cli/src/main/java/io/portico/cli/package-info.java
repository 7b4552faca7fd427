/**
 * Portico's declarative CLI ({@code portico}): its entry point.
 */
package io.portico.cli;
