package io.portico.admin.imports;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.servers.Server;

import static io.portico.admin.imports.ImportTexts.text;

/**
 * Node suggestion for the import: servers with an absolute {@code http(s)} URL become
 * suggested upstream nodes; other servers and base paths are warnings.
 */
final class SuggestedNodes {

	private SuggestedNodes() {
	}

	static List<SuggestedNode> of(JsonNode root, List<Server> servers, List<ImportProblem> warnings) {
		Set<SuggestedNode> nodes = new LinkedHashSet<>();
		// The parser invents a server "/" when a document names none: only warn about
		// servers the document really has.
		boolean declared = root.has("servers") || root.has("host");
		Set<String> basePaths = new LinkedHashSet<>();
		if (servers == null) {
			return List.of();
		}
		for (int i = 0; i < servers.size(); i++) {
			String url = (servers.get(i) != null) ? text(servers.get(i).getUrl()).strip() : "";
			String at = "servers[" + i + "]";
			if (url.indexOf('{') >= 0) {
				warnings.add(new ImportProblem(at, "templated server URL not offered as a node: " + url));
				continue;
			}
			URI uri;
			try {
				uri = new URI(url);
			}
			catch (URISyntaxException ex) {
				warnings.add(new ImportProblem(at, "unreadable server URL not offered as a node: " + url));
				continue;
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
			if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
				if (declared) {
					warnings.add(new ImportProblem(at,
							"relative or non-HTTP server URL not offered as a node: '" + url + "'"));
				}
				continue;
			}
			String host = uri.getHost();
			if (host.startsWith("[") && host.endsWith("]")) {
				host = host.substring(1, host.length() - 1);
			}
			int port = (uri.getPort() > 0) ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
			nodes.add(new SuggestedNode(scheme, host.toLowerCase(Locale.ROOT), port));
			String basePath = (uri.getRawPath() != null) ? uri.getRawPath().replaceAll("/+$", "") : "";
			if (!basePath.isEmpty()) {
				basePaths.add(basePath);
			}
		}
		for (String basePath : basePaths) {
			warnings.add(new ImportProblem("servers", "the server base path '" + basePath
					+ "' is not part of the routes; set path_prefix when publishing if the gateway should add it"));
		}
		return List.copyOf(nodes);
	}

}
