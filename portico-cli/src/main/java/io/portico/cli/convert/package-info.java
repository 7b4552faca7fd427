/**
 * {@code convert openapi}: an OpenAPI or Swagger document to a declarative file, with the
 * admin's own importer.
 */
package io.portico.cli.convert;
