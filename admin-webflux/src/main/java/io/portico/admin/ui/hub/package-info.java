/**
 * Dashboard pages of the Service Hub: the template list with search, Add Service
 * (manually or by importing an OpenAPI document, with a preview), and a template's page
 * with its routes.
 */
package io.portico.admin.ui.hub;
