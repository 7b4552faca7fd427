/**
 * Publishing template versions to gateway groups and reading what a group serves.
 */
package io.portico.admin.publish;
