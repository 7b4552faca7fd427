/**
 * Gateway instances of a group, as reported by the gateways, with a computed status.
 */
package io.portico.admin.instance;
