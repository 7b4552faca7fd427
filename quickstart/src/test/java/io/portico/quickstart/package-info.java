/**
 * Tests of the quickstart's options; the quickstart itself runs the tutorial in the e2e
 * tests.
 */
package io.portico.quickstart;
