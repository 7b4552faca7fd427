/**
 * Service templates: the editable drafts of the Service Hub.
 */
package io.portico.admin.template;
