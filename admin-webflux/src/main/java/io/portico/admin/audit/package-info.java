/**
 * The audit log: one row per write, sign-in, sign-out, failed authentication and refused
 * authorization, written in the transaction of the change it records.
 */
package io.portico.admin.audit;
