package io.portico.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProxyAddressesTests {

	@Test
	void contains_addressesInsideTheBlocksOnly() throws UnknownHostException {
		ProxyAddresses proxies = ProxyAddresses.of(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "172.16.0.0/12"));
		assertThat(proxies.contains(InetAddress.getByName("10.200.3.4"))).isTrue();
		assertThat(proxies.contains(InetAddress.getByName("11.0.0.1"))).isFalse();
		assertThat(proxies.contains(InetAddress.getByName("192.168.1.7"))).isTrue();
		assertThat(proxies.contains(InetAddress.getByName("192.168.1.8"))).isFalse();
		assertThat(proxies.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
		assertThat(proxies.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
		assertThat(proxies.contains(InetAddress.getByName("fd12::1"))).isTrue();
		assertThat(proxies.contains(InetAddress.getByName("fe80::1"))).isFalse();
		assertThat(proxies.contains(null)).isFalse();
	}

	@Test
	void of_emptyList_trustsNoAddress() throws UnknownHostException {
		ProxyAddresses none = ProxyAddresses.of(List.of());
		assertThat(none.isEmpty()).isTrue();
		assertThat(none.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
	}

	@Test
	void of_hostNamesAndBadPrefixes_areRefusedWithoutDns() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyAddresses.of(List.of("proxy.internal")))
			.withMessageContaining("proxy.internal");
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyAddresses.of(List.of("cafe")));
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyAddresses.of(List.of("10.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyAddresses.of(List.of("10.0.0.0/x")));
	}

}
