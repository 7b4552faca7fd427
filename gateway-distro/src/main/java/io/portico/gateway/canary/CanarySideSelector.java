package io.portico.gateway.canary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import com.google.re2j.Pattern;
import io.portico.compiler.CanaryRegex;
import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;

import org.springframework.web.server.ServerWebExchange;

/**
 * Decides the side of each request of one service with a canary, as APISIX's
 * traffic-split does: a request that does not meet the conditions goes to the baseline;
 * one that does goes to the canary with probability {@code weight}/100.
 *
 * <p>
 * Without a sticky key the split is exact: a smooth two-way weighted counter sends
 * exactly {@code weight} of every 100 consecutive eligible requests to the canary, spread
 * evenly (weight 20: every fifth request). With a sticky key the side is
 * {@code hash(key) mod 100 < weight}, a stable hash of the key's UTF-8 bytes, so one
 * client stays on one side across requests, instances and reloads; a request without the
 * key falls back to the counter. Weight 0 sends everything to the baseline, 100 every
 * eligible request to the canary.
 *
 * <p>
 * Thread-safe and lock-free; one instance per service and route table. The side of a
 * request is decided once and kept in an exchange attribute, so that the route predicates
 * of a version canary and the upstream filter of an upstream canary agree. Example: <pre>
 * CanarySideSelector selector = new CanarySideSelector("svc", canarySpec);
 * CanarySide side = selector.select(exchange);
 * </pre>
 */
public final class CanarySideSelector {

	private static final int BUCKETS = 100;

	private final String attribute;

	private final CanarySpec spec;

	private final int weight;

	private final boolean matchAll;

	private final List<CompiledRule> rules;

	private final CanarySticky sticky;

	private final AtomicLong eligible = new AtomicLong();

	/**
	 * Creates the selector.
	 * @param serviceId the service, whose requests this selector decides
	 * @param spec a valid canary (see
	 * {@link io.portico.compiler.RouteCompiler#validateCanary})
	 */
	public CanarySideSelector(String serviceId, CanarySpec spec) {
		this.attribute = attributeName(serviceId);
		this.spec = spec;
		this.weight = Math.max(0, Math.min(BUCKETS, spec.weight()));
		CanaryConditions conditions = spec.conditions();
		this.matchAll = conditions == null || conditions.match() != CanaryConditions.Match.ANY;
		List<CompiledRule> compiled = new ArrayList<>();
		if (conditions != null) {
			for (CanaryRule rule : conditions.rules()) {
				compiled.add(new CompiledRule(rule));
			}
		}
		this.rules = List.copyOf(compiled);
		this.sticky = spec.sticky();
	}

	/**
	 * The canary this selector decides for.
	 * @return the canary specification
	 */
	public CanarySpec spec() {
		return this.spec;
	}

	/**
	 * The exchange attribute that keeps the side of a service's request.
	 * @param serviceId the service id
	 * @return the attribute name
	 */
	public static String attributeName(String serviceId) {
		return CanarySideSelector.class.getName() + ".side." + serviceId;
	}

	/**
	 * The side of a request, decided on the first call and kept in the exchange.
	 * @param exchange the exchange
	 * @return the side
	 */
	public CanarySide select(ServerWebExchange exchange) {
		CanarySide side = exchange.getAttribute(this.attribute);
		if (side == null) {
			side = select(new ExchangeCanaryRequest(exchange.getRequest()));
			exchange.getAttributes().put(this.attribute, side);
		}
		return side;
	}

	/**
	 * Decides the side of a request; every call of an eligible request without a sticky
	 * key advances the counter.
	 * @param request the request
	 * @return the side
	 */
	public CanarySide select(CanaryRequest request) {
		if (!eligible(request)) {
			return CanarySide.BASELINE;
		}
		if (this.weight == 0) {
			return CanarySide.BASELINE;
		}
		if (this.weight == BUCKETS) {
			return CanarySide.CANARY;
		}
		String key = stickyKey(request);
		if (key != null) {
			return (bucket(key) < this.weight) ? CanarySide.CANARY : CanarySide.BASELINE;
		}
		// Request n of each 100 goes to the canary when floor((n+1)w/100) >
		// floor(nw/100):
		// exactly w of any 100 consecutive requests, evenly spaced.
		long n = Math.floorMod(this.eligible.getAndIncrement(), (long) BUCKETS);
		return ((n + 1) * this.weight / BUCKETS > n * this.weight / BUCKETS) ? CanarySide.CANARY : CanarySide.BASELINE;
	}

	/**
	 * Whether a request meets the conditions.
	 * @param request the request
	 * @return {@code true} when there are no conditions
	 */
	public boolean eligible(CanaryRequest request) {
		if (this.rules.isEmpty()) {
			return true;
		}
		for (CompiledRule rule : this.rules) {
			boolean holds = rule.test(request);
			if (holds && !this.matchAll) {
				return true;
			}
			if (!holds && this.matchAll) {
				return false;
			}
		}
		return this.matchAll;
	}

	/**
	 * The sticky bucket of a key: a stable hash of its UTF-8 bytes, 0 to 99.
	 * @param key the sticky key
	 * @return the bucket; the canary takes buckets below its weight
	 */
	public static int bucket(String key) {
		CRC32 crc = new CRC32();
		crc.update(key.getBytes(StandardCharsets.UTF_8));
		// CRC32 of similar keys (client-1, client-2) differ in few bits: murmur3's
		// finalizer spreads them over the buckets.
		int h = (int) crc.getValue();
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return (int) (Integer.toUnsignedLong(h) % BUCKETS);
	}

	private String stickyKey(CanaryRequest request) {
		if (this.sticky == null || this.sticky.source() == null) {
			return null;
		}
		String key;
		switch (this.sticky.source()) {
			case HEADER:
				key = request.header(this.sticky.name());
				break;
			case COOKIE:
				key = request.cookie(this.sticky.name());
				break;
			default:
				key = request.clientAddress();
				break;
		}
		return (key == null || key.isEmpty()) ? null : key;
	}

	/**
	 * One condition, its regular expression compiled once with RE2/J, the engine the
	 * admin checked it with: linear-time matching, so a header of any length cannot make
	 * a pattern backtrack catastrophically.
	 */
	private static final class CompiledRule {

		private final CanaryRule rule;

		private final Pattern pattern;

		CompiledRule(CanaryRule rule) {
			this.rule = rule;
			this.pattern = (rule.operator() == CanaryRule.Operator.REGEX) ? CanaryRegex.compile(rule.value()) : null;
		}

		boolean test(CanaryRequest request) {
			String value = value(request);
			switch (this.rule.operator()) {
				case EQUALS:
					return value != null && value.equals(this.rule.value());
				case NOT_EQUALS:
					return value == null || !value.equals(this.rule.value());
				case REGEX:
					return value != null && this.pattern.matcher(value).matches();
				case PRESENT:
					return value != null;
				default:
					return false;
			}
		}

		private String value(CanaryRequest request) {
			switch (this.rule.source()) {
				case HEADER:
					return request.header(this.rule.name());
				case QUERY:
					return request.query(this.rule.name());
				case COOKIE:
					return request.cookie(this.rule.name());
				default:
					return null;
			}
		}

	}

}
