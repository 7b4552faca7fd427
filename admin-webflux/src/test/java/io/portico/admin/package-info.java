/**
 * Tests of the admin application as a whole: context, API docs, H2 default.
 */
package io.portico.admin;
