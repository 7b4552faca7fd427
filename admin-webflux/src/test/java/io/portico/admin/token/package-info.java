/**
 * Tests of API tokens: shown once, stored hashed, expiring, revocable and narrowable.
 */
package io.portico.admin.token;
