package io.portico.admin;

/**
 * SQL that writes the admin's fixtures straight into a test schema: gateway groups,
 * service templates with their routes, and service registries.
 */
public final class AdminFixtures {

	private AdminFixtures() {
	}

	/**
	 * Inserts a gateway group named like its id.
	 * @param id the group id
	 * @return the statement
	 */
	public static String group(String id) {
		return "insert into gateway_group (id, name, created_at, updated_at) values ('" + id + "', '" + id
				+ "', current_timestamp, current_timestamp)";
	}

	/**
	 * Inserts an HTTP service template named like its id.
	 * @param id the template id
	 * @return the statement
	 */
	public static String template(String id) {
		return "insert into service_template (id, name, type, upstream_scheme, created_at, updated_at) values ('" + id
				+ "', '" + id + "', 'http', 'http', current_timestamp, current_timestamp)";
	}

	/**
	 * Inserts the route {@code <templateId>-route}, named {@code route}, for GET on one
	 * path.
	 * @param templateId the template id
	 * @param path the path
	 * @return the statement
	 */
	public static String route(String templateId, String path) {
		return "insert into template_route (id, template_id, name, paths, methods, created_at, updated_at) values ('"
				+ templateId + "-route', '" + templateId + "', 'route', '[\"" + path
				+ "\"]', '[\"GET\"]', current_timestamp, current_timestamp)";
	}

	/**
	 * Inserts a published service with its one (current) version 1.0.0: no routes, an
	 * empty runtime, published by {@code admin}.
	 * @param group the gateway group id
	 * @param serviceId the service (template) id, also its name
	 * @param versionId the id of the published version
	 * @return the two statements
	 */
	public static String[] publishedService(String group, String serviceId, String versionId) {
		return new String[] { "insert into published_version (id, gateway_group_id, service_id, service_name,"
				+ " service_type, upstream_scheme, version, routes, runtime, published_by, published_at) values ('"
				+ versionId + "', '" + group + "', '" + serviceId + "', '" + serviceId
				+ "', 'http', 'http', '1.0.0', '[]', '{}', 'admin', current_timestamp)",
				"insert into published_service (gateway_group_id, service_id, current_version_id, runtime,"
						+ " upstream_kind, created_at, updated_at) values ('" + group + "', '" + serviceId + "', '"
						+ versionId + "', '{}', 'nodes', current_timestamp, current_timestamp)" };
	}

	/**
	 * Inserts a Consul registry named like its id at {@code http://healthy.consul:8500}
	 * (healthy for the fake registry clients), without a token.
	 * @param id the registry id
	 * @param group the gateway group id
	 * @return the statement
	 */
	public static String consulRegistry(String id, String group) {
		return consulRegistry(id, group, "{\"token\": \"\"}");
	}

	/**
	 * Inserts a Consul registry named like its id at {@code http://healthy.consul:8500}
	 * with the given stored secrets.
	 * @param id the registry id
	 * @param group the gateway group id
	 * @param secrets the secrets column as stored
	 * @return the statement
	 */
	public static String consulRegistry(String id, String group, String secrets) {
		return "insert into service_registry (id, gateway_group_id, name, type, settings, secrets, created_at,"
				+ " updated_at) values ('" + id + "', '" + group + "', '" + id + "', 'consul', '{\"address\":"
				+ " \"http://healthy.consul:8500\", \"datacenter\": \"\"}', '" + secrets + "', current_timestamp,"
				+ " current_timestamp)";
	}

}
