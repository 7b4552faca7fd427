/**
 * Secrets at rest: AES-256-GCM encryption of stored secrets under keys kept outside the
 * database, with key rotation.
 */
package io.portico.secrets;
