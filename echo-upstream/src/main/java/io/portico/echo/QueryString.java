package io.portico.echo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the query part of a URI into ordered multi-valued parameters, as httpbin
 * reports them.
 */
final class QueryString {

	private QueryString() {
	}

	static Map<String, List<String>> parse(String uri) {
		Map<String, List<String>> result = new LinkedHashMap<>();
		int question = uri.indexOf('?');
		if (question < 0 || question == uri.length() - 1) {
			return result;
		}
		for (String pair : uri.substring(question + 1).split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			String[] kv = pair.split("=", 2);
			String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
			String value = (kv.length > 1) ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
			result.computeIfAbsent(key, (k) -> new ArrayList<>()).add(value);
		}
		return result;
	}

}
