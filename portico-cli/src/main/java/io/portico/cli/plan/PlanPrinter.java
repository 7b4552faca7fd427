package io.portico.cli.plan;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Prints a plan as text: one line per change, "would create service_template httpbin" for
 * a diff or a dry run, "created ..." only for a sync that applied it. Colours (ANSI) only
 * when asked, that is on a terminal without {@code NO_COLOR}.
 */
public final class PlanPrinter {

	private static final String RESET = "\u001b[0m";

	private final boolean colour;

	/**
	 * Creates a printer.
	 * @param colour whether to colour the lines
	 */
	public PlanPrinter(boolean colour) {
		this.colour = colour;
	}

	/**
	 * Prints a plan.
	 * @param plan the plan
	 * @param out where to print
	 */
	public void print(Plan plan, PrintWriter out) {
		boolean applied = Boolean.TRUE.equals(plan.applied());
		StringBuilder head = new StringBuilder(applied ? "Applied to gateway group " : "Plan for gateway group ");
		head.append((plan.gatewayGroupId() != null) ? plan.gatewayGroupId() : "?");
		if (plan.configRevision() != null) {
			head.append(" (config revision ").append(plan.configRevision()).append(')');
		}
		out.println(head.append(':'));
		if (plan.changes().isEmpty()) {
			out.println("  No changes.");
		}
		for (Plan.Change change : plan.changes()) {
			out.println(line(change, applied));
		}
		if (!plan.summary().isEmpty()) {
			StringBuilder summary = new StringBuilder("Summary:");
			for (Map.Entry<String, String> entry : plan.summary().entrySet()) {
				summary.append(' ').append(entry.getKey()).append('=').append(entry.getValue());
			}
			out.println(summary);
		}
		if (!applied && plan.hasChanges()) {
			out.println("Nothing has been changed.");
		}
		out.flush();
	}

	private String line(Plan.Change change, boolean applied) {
		String action = (change.action() != null) ? change.action() : "?";
		StringBuilder line = new StringBuilder("  ").append(symbol(action)).append(' ');
		if (Plan.NOT_IN_FILE.equals(action)) {
			line.append("not in the file, left alone: ");
		}
		else {
			line.append(applied ? past(action) : "would " + action).append(' ');
		}
		line.append((change.resource() != null) ? change.resource() : "?").append(' ').append(subject(change));
		if (change.detail() != null && !change.detail().isEmpty()) {
			line.append(" (").append(change.detail()).append(')');
		}
		return this.colour ? colourOf(action) + line + RESET : line.toString();
	}

	private static String subject(Plan.Change change) {
		StringBuilder subject = new StringBuilder((change.service() != null) ? change.service() : "");
		if (change.name() != null) {
			subject.append(subject.length() > 0 ? "/" : "").append(change.name());
		}
		if (change.version() != null) {
			subject.append(' ').append(change.version());
		}
		return subject.toString();
	}

	private static String symbol(String action) {
		return switch (action) {
			case "create", "publish" -> "+";
			case "update" -> "~";
			case "delete", "unpublish" -> "-";
			default -> "?";
		};
	}

	private static String past(String action) {
		return switch (action) {
			case "create" -> "created";
			case "update" -> "updated";
			case "delete" -> "deleted";
			case "publish" -> "published";
			case "unpublish" -> "unpublished";
			default -> action;
		};
	}

	private static String colourOf(String action) {
		return switch (action) {
			case "create" -> "\u001b[32m";
			case "publish" -> "\u001b[36m";
			case "update" -> "\u001b[33m";
			case "delete", "unpublish" -> "\u001b[31m";
			default -> "\u001b[2m";
		};
	}

}
