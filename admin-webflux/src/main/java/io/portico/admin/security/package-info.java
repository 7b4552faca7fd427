/**
 * Authentication of the admin with Spring Security for WebFlux: API tokens
 * ({@code X-API-KEY} or {@code Authorization: Bearer}), password sign-in with a session
 * cookie, CSRF for browser sessions, throttled failed sign-ins, problem+json refusals,
 * and the first super admin.
 */
package io.portico.admin.security;
