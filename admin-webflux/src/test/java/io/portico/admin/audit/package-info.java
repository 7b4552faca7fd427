/**
 * Tests of the audit log: what is recorded, in which transaction, and how it is read.
 */
package io.portico.admin.audit;
