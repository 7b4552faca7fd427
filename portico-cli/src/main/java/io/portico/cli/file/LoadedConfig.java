package io.portico.cli.file;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portico.cli.model.DeclarativeConfig;

/**
 * Merged declarative files, remembering which file (and index there) each service came
 * from, so that a problem about {@code services[37]} of the merged list names the file
 * and the service's own index.
 *
 * @param config the merged files
 * @param origins one origin per service of {@code config}, in the same order
 */
public record LoadedConfig(DeclarativeConfig config, List<Origin> origins) {

	private static final Pattern SERVICE_PATH = Pattern.compile("^services\\[(\\d+)](.*)$");

	public LoadedConfig {
		origins = List.copyOf(origins);
	}

	/**
	 * A problem about a field of the merged list, named in its file.
	 * @param field a path such as {@code services[37].upstream.nodes[0].port}
	 * @param message what is wrong
	 * @return the problem with the file and the index within that file
	 */
	public FileProblem locate(String field, String message) {
		if (field != null) {
			Matcher matcher = SERVICE_PATH.matcher(field);
			if (matcher.matches()) {
				int index = Integer.parseInt(matcher.group(1));
				if (index < this.origins.size()) {
					Origin origin = this.origins.get(index);
					return new FileProblem(origin.file(), "services[" + origin.index() + "]" + matcher.group(2),
							message);
				}
			}
		}
		return new FileProblem((this.origins.size() == 1) ? this.origins.get(0).file() : null, field, message);
	}

	/**
	 * Where one service of the merged list was declared.
	 *
	 * @param file the file name as given
	 * @param index the service's index in that file
	 */
	public record Origin(String file, int index) {

	}

}
