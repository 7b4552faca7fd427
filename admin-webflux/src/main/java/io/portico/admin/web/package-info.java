/**
 * HTTP plumbing shared by every endpoint: RFC 9457 problems, field errors, paging.
 */
package io.portico.admin.web;
