/**
 * Tests of declarative sync over HTTP on PostgreSQL.
 */
package io.portico.admin.declarative;
