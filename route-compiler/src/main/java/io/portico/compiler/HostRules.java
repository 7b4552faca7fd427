package io.portico.compiler;

import java.util.Locale;

/**
 * Host names and IP addresses: request hosts, upstream node hosts and the rewritten
 * {@code Host} header. Pure string checks: nothing is ever resolved.
 */
final class HostRules {

	private static final int MAX_DNS_LENGTH = 253;

	private static final int MAX_LABEL_LENGTH = 63;

	private static final String DNS_MESSAGE = "must be a valid DNS name (labels of 1 to 63 letters, digits or '-', "
			+ "at most 253 characters)";

	private HostRules() {
	}

	/**
	 * Checks a request host: a DNS name or {@code *.} and a DNS name.
	 * @param host the host as given (any case)
	 * @return the problem, or {@code null}
	 */
	static String requestHostProblem(String host) {
		String common = commonProblem(host);
		if (common != null) {
			return common;
		}
		if (host.indexOf(':') >= 0) {
			return "must be a host name without a port";
		}
		String name = host.toLowerCase(Locale.ROOT);
		if (name.startsWith("*.")) {
			name = name.substring(2);
		}
		if (name.indexOf('*') >= 0) {
			return "may contain '*' only as a whole first label, such as *.example.com";
		}
		return nameProblem(name);
	}

	/**
	 * Checks an upstream node host: IPv4, IPv6 (with or without brackets) or a DNS name.
	 * @param host the host as given
	 * @return the problem, or {@code null}
	 */
	static String nodeHostProblem(String host) {
		String common = commonProblem(host);
		if (common != null) {
			return common;
		}
		if (host.startsWith("[")) {
			int close = host.indexOf(']');
			if (close > 0 && close < host.length() - 1 && host.charAt(close + 1) == ':') {
				return "must not contain a port (use the port field)";
			}
			if (close != host.length() - 1 || !isIpv6(host.substring(1, close))) {
				return "is not a valid IPv6 address";
			}
			return null;
		}
		long colons = host.chars().filter((c) -> c == ':').count();
		if (colons == 1) {
			return "must not contain a port (use the port field)";
		}
		if (colons > 1) {
			return isIpv6(host) ? null : "is not a valid IPv6 address";
		}
		return nameProblem(host.toLowerCase(Locale.ROOT));
	}

	/**
	 * Normalizes a valid node host: lower case, IPv6 without brackets.
	 * @param host a host for which {@link #nodeHostProblem(String)} returned {@code null}
	 * @return the normalized host
	 */
	static String normalizeNodeHost(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return lower.startsWith("[") ? lower.substring(1, lower.length() - 1) : lower;
	}

	/**
	 * Checks a {@code Host} header value: a host, optionally with {@code :port}; IPv6 in
	 * brackets.
	 * @param value the value
	 * @return the problem, or {@code null}
	 */
	static String hostHeaderProblem(String value) {
		String common = commonProblem(value);
		if (common != null) {
			return common;
		}
		String port = null;
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			if (close < 0 || !isIpv6(value.substring(1, close))) {
				return "is not a valid IPv6 address";
			}
			String rest = value.substring(close + 1);
			if (!rest.isEmpty()) {
				if (!rest.startsWith(":")) {
					return "must be a host or host:port";
				}
				port = rest.substring(1);
			}
		}
		else {
			long colons = value.chars().filter((c) -> c == ':').count();
			if (colons > 1) {
				return "must put an IPv6 address in brackets, such as [::1]:8080";
			}
			String host = value;
			if (colons == 1) {
				int colon = value.indexOf(':');
				host = value.substring(0, colon);
				port = value.substring(colon + 1);
			}
			String problem = nameProblem(host.toLowerCase(Locale.ROOT));
			if (problem != null) {
				return problem;
			}
		}
		if (port != null && !isPort(port)) {
			return "must have a port between 1 and 65535";
		}
		return null;
	}

	private static String commonProblem(String host) {
		if (host == null || host.isEmpty()) {
			return "must not be empty";
		}
		if (Text.hasSpel(host)) {
			return Text.SPEL_MESSAGE;
		}
		if (host.contains("://")) {
			return "must not contain a scheme (such as http://)";
		}
		if (Text.hasWhitespace(host)) {
			return "must not contain whitespace";
		}
		if (Text.hasControl(host)) {
			return "must not contain control characters";
		}
		if (host.indexOf('/') >= 0) {
			return "must not contain a path";
		}
		return null;
	}

	/**
	 * Checks a lower-case DNS name; an all-numeric name must be a valid IPv4 address.
	 */
	private static String nameProblem(String name) {
		if (name.isEmpty() || name.length() > MAX_DNS_LENGTH) {
			return DNS_MESSAGE;
		}
		String[] labels = name.split("\\.", -1);
		boolean numeric = true;
		for (String label : labels) {
			if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
				return DNS_MESSAGE;
			}
			for (int i = 0; i < label.length(); i++) {
				char c = label.charAt(i);
				boolean digit = c >= '0' && c <= '9';
				if (!digit && !(c >= 'a' && c <= 'z') && c != '-') {
					return DNS_MESSAGE;
				}
				numeric &= digit;
			}
		}
		if (numeric && !isIpv4(name)) {
			return "is not a valid IPv4 address";
		}
		return null;
	}

	static boolean isIpv4(String value) {
		String[] parts = value.split("\\.", -1);
		if (parts.length != 4) {
			return false;
		}
		for (String part : parts) {
			if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
				return false;
			}
			for (int i = 0; i < part.length(); i++) {
				if (part.charAt(i) < '0' || part.charAt(i) > '9') {
					return false;
				}
			}
			if (Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

	static boolean isIpv6(String value) {
		if (value.isEmpty()) {
			return false;
		}
		int compressed = value.indexOf("::");
		if (compressed >= 0 && compressed != value.lastIndexOf("::")) {
			return false;
		}
		int groups;
		if (compressed >= 0) {
			int left = countGroups(value.substring(0, compressed), false);
			int right = countGroups(value.substring(compressed + 2), true);
			if (left < 0 || right < 0) {
				return false;
			}
			groups = left + right;
			return groups <= 7;
		}
		groups = countGroups(value, true);
		return groups == 8;
	}

	/**
	 * Counts the 16-bit groups of one side of an IPv6 address, -1 when invalid; an
	 * embedded IPv4 address at the end counts as two.
	 */
	private static int countGroups(String side, boolean ipv4AllowedLast) {
		if (side.isEmpty()) {
			return 0;
		}
		String[] parts = side.split(":", -1);
		int groups = 0;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (i == parts.length - 1 && ipv4AllowedLast && part.indexOf('.') >= 0) {
				if (!isIpv4(part)) {
					return -1;
				}
				groups += 2;
				continue;
			}
			if (part.isEmpty() || part.length() > 4) {
				return -1;
			}
			for (int j = 0; j < part.length(); j++) {
				if (!PathRules.isHex(part.charAt(j))) {
					return -1;
				}
			}
			groups++;
		}
		return groups;
	}

	private static boolean isPort(String port) {
		if (port.isEmpty() || port.length() > 5) {
			return false;
		}
		for (int i = 0; i < port.length(); i++) {
			if (port.charAt(i) < '0' || port.charAt(i) > '9') {
				return false;
			}
		}
		int value = Integer.parseInt(port);
		return value >= 1 && value <= 65535;
	}

}
