/**
 * The publish core and what a gateway group serves now: {@link PublishCore} (the steps
 * every workflow composes), publishing template versions ({@link PublishService}), the
 * current state of a published service and its runtime configuration, and the
 * {@code published_*} tables.
 */
package io.portico.admin.publish;
