package io.portico.admin.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * The text rules an import applies everywhere: limits, forbidden characters, and the cap
 * on reported problems.
 */
final class ImportTexts {

	static final int MAX_ERRORS = 100;

	static final String EXPRESSION = "#{";

	private ImportTexts() {
	}

	static String labelProblem(String key) {
		if (key.isBlank()) {
			return "a tag used as a label must not be blank";
		}
		if (key.length() > OpenApiImporter.MAX_LABEL_KEY) {
			return "a tag used as a label must be at most " + OpenApiImporter.MAX_LABEL_KEY + " characters";
		}
		if (key.contains(EXPRESSION) || hasControl(key)) {
			return "a tag used as a label must not contain control characters or '#{'";
		}
		return null;
	}

	static void checkText(String value, String field, List<ImportProblem> errors) {
		if (value.contains(EXPRESSION)) {
			errors.add(new ImportProblem(field, "must not contain '#{'"));
		}
	}

	static String limited(String value, int max, String field, List<ImportProblem> warnings) {
		if (value.length() <= max) {
			return value;
		}
		warnings.add(new ImportProblem(field, "cut to " + max + " characters"));
		return value.substring(0, max);
	}

	static boolean hasControl(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
				return true;
			}
		}
		return false;
	}

	static String text(String value) {
		return (value != null) ? value : "";
	}

	static List<ImportProblem> capped(List<ImportProblem> errors) {
		if (errors.size() <= MAX_ERRORS) {
			return errors;
		}
		// MAX_ERRORS entries in all: the last one says how many more there are.
		List<ImportProblem> capped = new ArrayList<>(errors.subList(0, MAX_ERRORS - 1));
		capped.add(new ImportProblem("$", "and " + (errors.size() - MAX_ERRORS + 1) + " more problem(s)"));
		return capped;
	}

	static OpenApiImportException problem(String field, String message) {
		return new OpenApiImportException(List.of(new ImportProblem(field, message)));
	}

}
