package io.portico.cli.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import io.portico.cli.file.ConfigWriter;
import io.portico.cli.file.FileProblem;
import io.portico.cli.file.LoadedConfig;
import io.portico.cli.http.AdminClient;
import io.portico.cli.http.ApiResponse;
import io.portico.cli.http.Problem;
import io.portico.cli.plan.Plan;
import io.portico.cli.plan.PlanPrinter;
import picocli.CommandLine.Mixin;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server commands share: the admin client and the mapping of error responses to
 * messages and exit codes (400: 2, 409: 3, anything else: 1).
 */
abstract class ServerCommand extends BaseCommand {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Mixin
	ServerOptions server;

	AdminClient client() {
		return this.server.client(context().environment());
	}

	List<Map.Entry<String, String>> query() {
		List<Map.Entry<String, String>> query = new ArrayList<>();
		query.add(Map.entry("gateway_group_id", this.server.gatewayGroup));
		return query;
	}

	/**
	 * The query of a plan or a sync: the group, the scope and {@code delete}.
	 * @param scope the scope options
	 * @param delete whether services of the scope missing from the files go
	 * @return the query parameters, to add more to
	 */
	List<Map.Entry<String, String>> planQuery(ScopeOptions scope, boolean delete) {
		List<Map.Entry<String, String>> query = query();
		scope.addQuery(query);
		query.add(Map.entry("delete", String.valueOf(delete)));
		return query;
	}

	/**
	 * Sends files to a declarative endpoint within the scope and prints the plan it
	 * answers: reads and lints the files, checks the scope, posts them with the
	 * {@linkplain #planQuery plan query} and {@code more}.
	 * @param path the endpoint
	 * @param files the file options
	 * @param scope the scope options
	 * @param delete whether services of the scope missing from the files go
	 * @param more more query parameters
	 * @param exit the exit code for a printed plan
	 * @return the exit code
	 * @throws IOException when the admin cannot be reached
	 */
	int sendFiles(String path, FileOptions files, ScopeOptions scope, boolean delete,
			List<Map.Entry<String, String>> more, ToIntFunction<Plan> exit) throws IOException {
		LoadedConfig loaded = loadChecked(files.files);
		Integer invalid = checkScope(scope, loaded);
		if (invalid != null) {
			return invalid;
		}
		List<Map.Entry<String, String>> query = planQuery(scope, delete);
		query.addAll(more);
		ApiResponse response = client().post(path, query, json(loaded));
		if (!response.isSuccess()) {
			return failure(response, loaded);
		}
		Plan plan = printPlan(response);
		return (plan != null) ? exit.applyAsInt(plan) : ExitCodes.FAILURE;
	}

	/**
	 * Prints an error response and returns its exit code.
	 * @param loaded the files sent, to name fields in them, or {@code null}
	 */
	int failure(ApiResponse response, LoadedConfig loaded) {
		Problem problem = Problem.of(response);
		err().println("Error: HTTP " + response.status() + ": " + problem.detail());
		for (Problem.FieldMessage error : problem.errors()) {
			FileProblem located = (loaded != null) ? loaded.locate(error.field(), error.message())
					: new FileProblem(null, error.field(), error.message());
			err().println("  " + located);
		}
		return switch (response.status()) {
			case 400, 422 -> ExitCodes.INVALID;
			case 409 -> ExitCodes.CONFLICT;
			default -> ExitCodes.FAILURE;
		};
	}

	JsonNode body(ApiResponse response) {
		try {
			return JSON.readTree(response.body());
		}
		catch (JacksonException ex) {
			err().println("Error: the admin's answer is not JSON: " + ex.getOriginalMessage());
			return null;
		}
	}

	/**
	 * Checks the label selectors and that every service of the files matches them.
	 * @return {@code null} when fine, else the exit code after printing why
	 */
	Integer checkScope(ScopeOptions scope, LoadedConfig loaded) {
		String invalid = scope.invalidSelector();
		if (invalid != null) {
			err().println("Error: --label-selector '" + invalid + "' must be key=value");
			return ExitCodes.INVALID;
		}
		if (loaded == null) {
			return null;
		}
		List<FileProblem> problems = new ArrayList<>();
		for (int i = 0; i < loaded.config().services().size(); i++) {
			if (!scope.matches(loaded.config().services().get(i).labels())) {
				problems.add(loaded.locate("services[" + i + "].labels",
						"service '" + loaded.config().services().get(i).name() + "' does not match --label-selector "
								+ String.join(",", scope.labelSelectors)
								+ ": it is outside the scope of this command"));
			}
		}
		if (!problems.isEmpty()) {
			printProblems(problems);
			return ExitCodes.INVALID;
		}
		return null;
	}

	String json(LoadedConfig loaded) {
		return ConfigWriter.json(loaded.config());
	}

	/**
	 * Prints a plan response as text or JSON.
	 * @return the plan, or {@code null} when the body is not JSON
	 */
	Plan printPlan(ApiResponse response) {
		JsonNode body = body(response);
		if (body == null) {
			return null;
		}
		Plan plan = Plan.of(body);
		if (this.server.output == ServerOptions.OutputFormat.json) {
			out().print(ConfigWriter.prettyJson(body));
		}
		else {
			new PlanPrinter(context().colour()).print(plan, out());
		}
		return plan;
	}

}
