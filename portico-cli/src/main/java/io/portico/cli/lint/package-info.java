/**
 * Local checks of a declarative file with the route compiler's rules, the same the admin
 * and the gateway apply, with every problem named by its path in the file.
 */
package io.portico.cli.lint;
