package io.portico.cli.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portico.cli.model.DeclarativeConfig;
import io.portico.cli.model.ServiceEntry;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads one or more declarative files (YAML, or JSON when the name ends in {@code .json})
 * and merges them like ADC: the services lists are concatenated, and the same service
 * name in two files is an error naming both. Example: <pre>
 * LoadedConfig loaded = new DeclarativeReader(System.getenv()).read(List.of(Path.of("a.yaml")));
 * </pre>
 */
public final class DeclarativeReader {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final ObjectMapper YAML = YAMLMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final EnvSubstitution substitution;

	/**
	 * Creates a reader substituting from the given environment.
	 * @param environment the variables for {@code ${VAR}}
	 */
	public DeclarativeReader(Map<String, String> environment) {
		this.substitution = new EnvSubstitution(environment);
	}

	/**
	 * Reads and merges files.
	 * @param files the files, in command-line order
	 * @return the merged content
	 * @throws DeclarativeFileException listing every problem of every file
	 */
	public LoadedConfig read(List<Path> files) {
		Map<String, String> texts = new LinkedHashMap<>();
		List<FileProblem> problems = new ArrayList<>();
		for (Path file : files) {
			try {
				texts.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				problems.add(new FileProblem(file.toString(), "", "cannot be read: " + ex.getMessage()));
			}
		}
		if (!problems.isEmpty()) {
			throw new DeclarativeFileException(problems);
		}
		return readTexts(texts);
	}

	/**
	 * Reads and merges file contents.
	 * @param texts file name to text, in order
	 * @return the merged content
	 * @throws DeclarativeFileException listing every problem of every file
	 */
	public LoadedConfig readTexts(Map<String, String> texts) {
		List<FileProblem> problems = new ArrayList<>();
		List<ServiceEntry> services = new ArrayList<>();
		List<LoadedConfig.Origin> origins = new ArrayList<>();
		Map<String, LoadedConfig.Origin> names = new LinkedHashMap<>();
		for (Map.Entry<String, String> entry : texts.entrySet()) {
			String file = entry.getKey();
			int before = problems.size();
			String text = this.substitution.substitute(file, entry.getValue(), problems);
			if (problems.size() > before) {
				continue;
			}
			DeclarativeConfig config = parse(file, text, problems);
			if (config == null) {
				continue;
			}
			for (int i = 0; i < config.services().size(); i++) {
				ServiceEntry service = config.services().get(i);
				LoadedConfig.Origin origin = new LoadedConfig.Origin(file, i);
				LoadedConfig.Origin first = names.putIfAbsent(service.name(), origin);
				if (first != null && !first.file().equals(file)) {
					problems.add(new FileProblem(file, "services[" + i + "].name",
							"service '" + service.name() + "' is declared in both " + first.file() + " (services["
									+ first.index() + "]) and " + file + " (services[" + i + "])"));
				}
				services.add(service);
				origins.add(origin);
			}
		}
		if (!problems.isEmpty()) {
			throw new DeclarativeFileException(problems);
		}
		return new LoadedConfig(new DeclarativeConfig(services), origins);
	}

	private static DeclarativeConfig parse(String file, String text, List<FileProblem> problems) {
		JsonNode root;
		try {
			ObjectMapper mapper = file.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
			root = text.isBlank() ? null : mapper.readTree(text);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? "line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			problems.add(new FileProblem(file, where, "is not valid YAML or JSON: " + ex.getOriginalMessage()));
			return null;
		}
		int before = problems.size();
		DeclarativeConfig config = new ConfigBinder(file, problems).bind(root);
		return (problems.size() > before) ? null : config;
	}

}
