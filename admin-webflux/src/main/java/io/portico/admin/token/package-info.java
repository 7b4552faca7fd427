/**
 * API tokens: created by a user, shown once, stored only as a hash, narrowed to fewer
 * roles if wished, revocable.
 */
package io.portico.admin.token;
