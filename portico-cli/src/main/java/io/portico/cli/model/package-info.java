/**
 * The declarative file's content as records: services with their routes and upstream, in
 * ADC's field names.
 */
package io.portico.cli.model;
