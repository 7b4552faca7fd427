package io.portico.admin.access;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * An authenticated request of Portico's admin. Its authorities are empty on purpose:
 * permissions come from the user's roles, read for each request by the access check.
 */
public class PorticoAuthentication extends AbstractAuthenticationToken {

	private final PorticoPrincipal principal;

	public PorticoAuthentication(PorticoPrincipal principal) {
		super(List.of());
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public PorticoPrincipal getPrincipal() {
		return this.principal;
	}

}
