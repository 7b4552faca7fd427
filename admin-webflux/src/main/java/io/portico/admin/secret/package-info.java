/**
 * Secrets at rest in the admin: the key it must have, and re-encryption after a key
 * rotation.
 */
package io.portico.admin.secret;
