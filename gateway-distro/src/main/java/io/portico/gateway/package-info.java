/**
 * Portico's data plane: a Spring Cloud Gateway server for one gateway group.
 */
package io.portico.gateway;
