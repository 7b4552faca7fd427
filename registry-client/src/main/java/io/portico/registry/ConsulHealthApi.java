package io.portico.registry;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;

/**
 * Consul's health endpoint declared the way Spring Cloud Consul declares
 * {@code ConsulClient}, on the same {@code RestClient}: Spring Cloud Consul 5's
 * {@code HealthService.Service} model has no {@code Weights}, which the gateway needs.
 */
interface ConsulHealthApi {

	@GetExchange("/v1/health/service/{service}")
	ResponseEntity<List<Entry>> healthService(@PathVariable("service") String service,
			@RequestParam("passing") boolean passing, @RequestParam(name = "dc", required = false) String dc,
			@RequestParam("index") String index, @RequestParam("wait") String wait);

	/**
	 * One instance as {@code /v1/health/service} returns it.
	 *
	 * @param node the node
	 * @param service the service instance
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Entry(@JsonProperty("Node") Node node, @JsonProperty("Service") Service service) {
	}

	/**
	 * The node part.
	 *
	 * @param address the node address
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Node(@JsonProperty("Address") String address) {
	}

	/**
	 * The service part.
	 *
	 * @param id the instance id
	 * @param address the service address, empty for the node's
	 * @param port the port
	 * @param weights the weights, absent on old agents
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Service(@JsonProperty("ID") String id, @JsonProperty("Address") String address,
			@JsonProperty("Port") Integer port, @JsonProperty("Weights") Map<String, Integer> weights) {
	}

}
