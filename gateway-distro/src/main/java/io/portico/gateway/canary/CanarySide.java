package io.portico.gateway.canary;

/**
 * The side of a canary that serves a request.
 */
public enum CanarySide {

	/** The published service as it is: its current version on its runtime upstream. */
	BASELINE,

	/** The canary: another upstream, or another published version of the service. */
	CANARY

}
