/**
 * Tests of the shared HTTP plumbing: problems and strict JSON.
 */
package io.portico.admin.web;
