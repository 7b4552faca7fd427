package io.portico.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A set of IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code 192.168.1.7},
 * {@code fd00::/8}) that a peer address is tested against. Entries must be IP literals: a
 * host name would mean a DNS lookup, at start-up or per request, so it is refused.
 */
public final class ProxyAddresses {

	private final List<Block> blocks;

	private ProxyAddresses(List<Block> blocks) {
		this.blocks = blocks;
	}

	/**
	 * Parses the entries.
	 * @param entries IP addresses or CIDR blocks
	 * @return the set
	 * @throws IllegalArgumentException if an entry is not an IP literal or CIDR block
	 */
	public static ProxyAddresses of(List<String> entries) {
		return new ProxyAddresses(entries.stream().map(String::trim).map(Block::parse).toList());
	}

	/**
	 * Whether no address is in the set.
	 * @return {@code true} for an empty set
	 */
	public boolean isEmpty() {
		return this.blocks.isEmpty();
	}

	/**
	 * Tests one address.
	 * @param address the peer address; {@code null} (unresolved) is never contained
	 * @return whether it is in one of the blocks
	 */
	public boolean contains(InetAddress address) {
		if (address == null) {
			return false;
		}
		byte[] bytes = address.getAddress();
		for (Block block : this.blocks) {
			if (block.contains(bytes)) {
				return true;
			}
		}
		return false;
	}

	private record Block(byte[] network, int prefixLength) {

		static Block parse(String entry) {
			int slash = entry.indexOf('/');
			String literal = (slash >= 0) ? entry.substring(0, slash) : entry;
			if (!isLiteral(literal)) {
				throw new IllegalArgumentException("Not an IP address or CIDR block: '" + entry + "'");
			}
			byte[] network;
			try {
				network = InetAddress.getByName(literal).getAddress();
			}
			catch (UnknownHostException ex) {
				throw new IllegalArgumentException("Not an IP address or CIDR block: '" + entry + "'", ex);
			}
			int prefix = network.length * 8;
			if (slash >= 0) {
				try {
					prefix = Integer.parseInt(entry.substring(slash + 1));
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Not a CIDR prefix length: '" + entry + "'", ex);
				}
				if (prefix < 0 || prefix > network.length * 8) {
					throw new IllegalArgumentException("CIDR prefix length out of range: '" + entry + "'");
				}
			}
			return new Block(network, prefix);
		}

		// IPv6 (a ':' and hex digits) or IPv4 (digits and dots): never a host name, so
		// InetAddress never asks DNS.
		private static boolean isLiteral(String literal) {
			if (literal.isEmpty()) {
				return false;
			}
			if (literal.indexOf(':') >= 0) {
				return literal.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
			}
			return literal.chars().allMatch((c) -> (c >= '0' && c <= '9') || c == '.');
		}

		boolean contains(byte[] address) {
			if (address.length != this.network.length) {
				return false;
			}
			int whole = this.prefixLength / 8;
			for (int i = 0; i < whole; i++) {
				if (address[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefixLength % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xFF << (8 - rest)) & 0xFF;
			return (address[whole] & mask) == (this.network[whole] & mask);
		}

	}

}
