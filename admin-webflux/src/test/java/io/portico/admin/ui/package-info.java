/**
 * Tests of the dashboard's server side: access to its pages, sign-in, what a role is
 * offered, and the OpenAPI import preview. The browser drives it in e2e-tests.
 */
package io.portico.admin.ui;
