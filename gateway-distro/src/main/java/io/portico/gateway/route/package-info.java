/**
 * The route table: compiled routes as Spring Cloud Gateway routes, swapped atomically.
 */
package io.portico.gateway.route;
