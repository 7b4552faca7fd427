/**
 * Cross-cutting configuration of the admin: properties, clock, JSON strictness, the route
 * compiler.
 */
package io.portico.admin.config;
