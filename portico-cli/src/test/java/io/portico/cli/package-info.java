/**
 * Tests of the declarative CLI, run in-process.
 */
package io.portico.cli;
