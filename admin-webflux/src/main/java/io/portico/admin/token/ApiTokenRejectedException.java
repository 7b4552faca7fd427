package io.portico.admin.token;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * An API token that does not authenticate: unknown, revoked, expired or of a disabled
 * user. Names the token's id and user when known (for the audit log), never the token.
 */
public class ApiTokenRejectedException extends BadCredentialsException {

	private final String tokenId;

	private final String userId;

	public ApiTokenRejectedException(String reason, String tokenId, String userId) {
		super(reason);
		this.tokenId = tokenId;
		this.userId = userId;
	}

	/**
	 * The token's id.
	 * @return the id, or {@code null} when the token is unknown
	 */
	public String getTokenId() {
		return this.tokenId;
	}

	/**
	 * The owner's id.
	 * @return the id, or {@code null} when the token is unknown
	 */
	public String getUserId() {
		return this.userId;
	}

}
