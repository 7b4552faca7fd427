/**
 * Tests of secrets at rest in the admin: encryption in the database, wrong keys, rotation
 * and re-encryption.
 */
package io.portico.admin.secret;
