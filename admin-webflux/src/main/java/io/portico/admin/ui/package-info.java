/**
 * The dashboard: server-rendered pages under {@code /ui} (Thymeleaf, htmx for partial
 * updates). Pages read through the same services as the REST API, behind the same
 * {@code @Permitted} checks; every change a page makes is a call to the REST API itself
 * (see {@code static/ui/assets/portico.js}), so validation, permissions and the audit
 * trail are the API's. Sub-packages hold one area of the navigation each.
 */
package io.portico.admin.ui;
