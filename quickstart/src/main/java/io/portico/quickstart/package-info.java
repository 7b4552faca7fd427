/**
 * The one-command quickstart: embedded database, echo upstream, admin and one gateway on
 * one machine.
 */
package io.portico.quickstart;
