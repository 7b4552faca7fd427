/**
 * Tests of service templates and their routes.
 */
package io.portico.admin.template;
