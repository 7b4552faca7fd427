/**
 * Authentication of the admin with Spring Security for WebFlux: API tokens
 * ({@code X-API-KEY} or {@code Authorization: Bearer}), password sign-in with a session
 * cookie, CSRF for browser sessions, throttled failed sign-ins, problem+json refusals,
 * and the first super admin; and the one component that enforces the
 * {@link io.portico.admin.access.Permitted} declarations of every endpoint
 * ({@link io.portico.admin.security.AccessInterceptor}).
 */
package io.portico.admin.security;
