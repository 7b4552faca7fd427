package io.portico.admin.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IP address or CIDR range ({@code 10.0.0.0/8}, {@code ::1}), for trusted proxies.
 * Matches only literal addresses: a name is never resolved.
 */
public final class AddressRange {

	private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

	private final byte[] network;

	private final int prefixLength;

	private AddressRange(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * Parses an address or range.
	 * @param value such as {@code 10.0.0.0/8} or {@code 192.168.1.10}
	 * @return the range
	 * @throws IllegalArgumentException if it is not a literal address or range
	 */
	public static AddressRange parse(String value) {
		String text = value.strip();
		int slash = text.indexOf('/');
		String address = (slash >= 0) ? text.substring(0, slash) : text;
		byte[] bytes = literal(address);
		if (bytes == null) {
			throw new IllegalArgumentException("not an IP address or CIDR range: '" + value + "'");
		}
		int prefix = bytes.length * 8;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(text.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("bad prefix length in '" + value + "'");
			}
			if (prefix < 0 || prefix > bytes.length * 8) {
				throw new IllegalArgumentException("bad prefix length in '" + value + "'");
			}
		}
		return new AddressRange(bytes, prefix);
	}

	/**
	 * Whether an address is in the range.
	 * @param address a literal address; anything else never matches
	 * @return {@code true} if inside
	 */
	public boolean contains(String address) {
		byte[] bytes = literal(address);
		if (bytes == null || bytes.length != this.network.length) {
			return false;
		}
		int whole = this.prefixLength / 8;
		for (int i = 0; i < whole; i++) {
			if (bytes[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (bytes[whole] & mask) == (this.network[whole] & mask);
	}

	private static byte[] literal(String address) {
		if (address == null || !(IPV4.matcher(address).matches() || IPV6.matcher(address).matches())) {
			return null;
		}
		try {
			// A dotted quad or a string with a colon: InetAddress parses it as a literal
			// and
			// never looks a name up.
			return InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
