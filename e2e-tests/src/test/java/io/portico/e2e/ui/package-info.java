/**
 * Browser tests of the dashboard under {@code /ui}: Selenium drives Debian's headless
 * chromium against the real admin jar, a real gateway jar and echo upstreams on
 * PostgreSQL.
 */
package io.portico.e2e.ui;
