/**
 * Database helpers shared by the repositories: JSON columns, timestamps, database kind.
 */
package io.portico.admin.store;
