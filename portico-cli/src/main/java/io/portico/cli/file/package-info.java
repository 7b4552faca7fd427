/**
 * Reading declarative files: {@code ${VAR}} substitution, YAML or JSON parsing, the
 * strict mapping onto the model (every unsupported field refused by its path), merging
 * several files, and writing a file back.
 */
package io.portico.cli.file;
