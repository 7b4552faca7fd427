package io.portico.admin.audit;

/**
 * Who acted, as far as known (a failed sign-in knows only the name tried).
 *
 * @param userId the user's id, or {@code null}
 * @param username the user's name (or the name tried), or {@code null}
 * @param tokenId the API token's id, never the token, or {@code null}
 */
public record AuditActor(String userId, String username, String tokenId) {

	/** Nobody known. */
	public static final AuditActor ANONYMOUS = new AuditActor(null, null, null);

}
