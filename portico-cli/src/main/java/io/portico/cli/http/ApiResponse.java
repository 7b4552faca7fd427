package io.portico.cli.http;

/**
 * A response of the admin API.
 *
 * @param status the HTTP status
 * @param body the body text (JSON, or problem+json on errors)
 */
public record ApiResponse(int status, String body) {

	/**
	 * Whether the status is 2xx.
	 * @return {@code true} on success
	 */
	public boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

}
