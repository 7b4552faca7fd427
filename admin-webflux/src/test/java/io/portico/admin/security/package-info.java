/**
 * Tests of authentication: every endpoint refuses callers without credentials, sign-in
 * with sessions and CSRF, throttled failures and the bootstrap super admin.
 */
package io.portico.admin.security;
