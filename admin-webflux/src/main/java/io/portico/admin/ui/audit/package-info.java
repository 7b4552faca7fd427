/**
 * Dashboard page of the audit log: filters, the newest entries, and the export.
 */
package io.portico.admin.ui.audit;
