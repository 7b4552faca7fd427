/**
 * The canary of a published service: start or replace, abort, finish.
 */
package io.portico.admin.publish.canary;
