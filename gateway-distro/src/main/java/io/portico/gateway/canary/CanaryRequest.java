package io.portico.gateway.canary;

/**
 * What a canary reads from a request: header, query parameter and cookie values, and the
 * client's address.
 */
public interface CanaryRequest {

	/**
	 * The first value of a header.
	 * @param name the header name, case-insensitive
	 * @return the value, or {@code null} when absent
	 */
	String header(String name);

	/**
	 * The first value of a query parameter.
	 * @param name the parameter name (decoded)
	 * @return the decoded value ({@code ""} for {@code ?name}), or {@code null} when
	 * absent
	 */
	String query(String name);

	/**
	 * The first value of a cookie.
	 * @param name the cookie name
	 * @return the value, or {@code null} when absent
	 */
	String cookie(String name);

	/**
	 * The client's address as seen by the gateway (the remote address of the connection).
	 * @return the IP address as text, or {@code null} when unknown
	 */
	String clientAddress();

}
