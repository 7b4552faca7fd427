package io.portico.admin.publish;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A canary of a published service in the API's JSON shape: the body of
 * {@code PUT …/canary} and the {@code canary} of a published service.
 *
 * @param weight the canary's share (0 to 100) of the requests that meet the conditions
 * @param conditions which requests may go to the canary
 * @param sticky what keeps one client on one side
 * @param upstream the canary upstream (an upstream canary)
 * @param version the canary version (a version canary)
 * @param versionId the id of the canary version
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A canary: for all routes of the service, the canary side takes `weight` percent of the"
		+ " requests that meet `conditions` (all requests when none); requests that do not meet them stay on the"
		+ " baseline. The canary side is either another `upstream` or another published `version` of the service"
		+ " in this group (give exactly one). `sticky` keeps each client on one side.")
public record CanaryView(
		@Schema(description = "Share of the eligible requests sent to the canary, 0 to 100. Required unless"
				+ " `conditions` are given (then 100).", example = "20", minimum = "0", maximum = "100") Integer weight,
		@Schema(description = "Which requests may go to the canary; absent for all.") ConditionsView conditions,
		@Schema(description = "Sticky split: the key is hashed into 0–99 and the request goes to the canary when"
				+ " the hash is below `weight`; requests without the key are split by weight.") StickyView sticky,
		@Schema(description = "The canary upstream, nodes or discovery, in the shape of a runtime upstream (an"
				+ " upstream canary). Finishing on the canary side makes it the runtime upstream; this is how a"
				+ " service moves between nodes and discovery.") RuntimeView.UpstreamView upstream,
		@Schema(description = "Another published version of this service in this group, not the current one (a"
				+ " version canary), served with the service's runtime configuration.",
				example = "1.1.0") String version,
		@JsonProperty("version_id") @Schema(
				description = "Id of the canary version; in a request, an alternative to" + " `version`.",
				example = "0f8e7b1c-9d2a-4c53-8a57-3b1f2e4d5c6a") String versionId) {

	/**
	 * Reads a stored canary.
	 * @param json the stored canary JSON
	 * @param versionId the canary version id, {@code null} for an upstream canary
	 * @return the view
	 */
	static CanaryView of(String json, String versionId) {
		return of(StoredFormat.readCanary(json), versionId);
	}

	/**
	 * Shows a canary.
	 * @param canary the canary
	 * @param versionId the canary version id, {@code null} for an upstream canary
	 * @return the view
	 */
	static CanaryView of(CanarySpec canary, String versionId) {
		ConditionsView conditions = null;
		if (canary.conditions() != null) {
			conditions = new ConditionsView(lower(canary.conditions().match()),
					canary.conditions().rules().stream().map(RuleView::of).toList());
		}
		StickyView sticky = (canary.sticky() != null)
				? new StickyView(lower(canary.sticky().source()), canary.sticky().name()) : null;
		return new CanaryView(canary.weight(), conditions, sticky,
				(canary.upstream() != null) ? RuntimeView.UpstreamView.of(canary.upstream()) : null, canary.version(),
				versionId);
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Conditions on the request.
	 *
	 * @param match {@code all} or {@code any}
	 * @param rules the rules
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "Conditions a request must meet to be eligible for the canary.")
	public record ConditionsView(
			@Schema(description = "`all`: every rule holds; `any`: at least one does.", example = "all",
					allowableValues = {
							"all", "any" },
					defaultValue = "all") String match,
			@ArraySchema(arraySchema = @Schema(description = "The rules, at least one.")) List<RuleView> rules){

		/**
		 * Creates the view.
		 * @param match {@code all} or {@code any}
		 * @param rules the rules
		 */
		public ConditionsView {
			rules = (rules != null) ? List.copyOf(rules) : List.of();
		}

	}

	/**
	 * One rule.
	 *
	 * @param source {@code header}, {@code query} or {@code cookie}
	 * @param name the header, query parameter or cookie name
	 * @param operator {@code equals}, {@code not_equals}, {@code regex} or
	 * {@code present}
	 * @param value the expected value or regular expression
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "One condition on a header, query parameter or cookie.")
	public record RuleView(@Schema(description = "Where the value comes from.", example = "header", allowableValues = {
			"header", "query", "cookie" }) String source,
			@Schema(description = "Header (case-insensitive), query parameter or cookie name.",
					example = "X-Canary") String name,
			@Schema(description = "`equals`, `not_equals` (absent or different), `regex` (the whole value matches)"
					+ " or `present`.", example = "equals",
					allowableValues = { "equals", "not_equals", "regex", "present" }) String operator,
			@Schema(description = "The expected value or regular expression; absent for `present`.",
					example = "on") String value){

		static RuleView of(CanaryRule rule) {
			return new RuleView(lower(rule.source()), rule.name(), lower(rule.operator()), rule.value());
		}

	}

	/**
	 * The sticky key.
	 *
	 * @param source {@code header}, {@code cookie} or {@code client_address}
	 * @param name the header or cookie name
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(description = "What keeps one client on one side of the canary.")
	public record StickyView(@Schema(description = "Where the key comes from.", example = "cookie", allowableValues = {
			"header", "cookie", "client_address" }) String source,
			@Schema(description = "Header or cookie name; absent for `client_address`.",
					example = "session") String name){

	}

}
