/**
 * Routes of a service template.
 */
package io.portico.admin.template.route;
