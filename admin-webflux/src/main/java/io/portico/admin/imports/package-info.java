/**
 * OpenAPI 3.x and Swagger 2.0 import into service templates.
 */
package io.portico.admin.imports;
