/**
 * The admin while its database is unreachable: answers, readiness and recovery, with a
 * TCP proxy cut between the admin and PostgreSQL.
 */
package io.portico.admin.outage;
