package io.portico.admin.audit;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ListResponse;
import io.portico.admin.web.PageParams;
import io.portico.admin.web.PageQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads and exports the audit log.
 */
@RestController
@Tag(name = "Audit log", description = "Every write, sign-in, sign-out, failed authentication and refused"
		+ " authorization, with who, from where and how it ended.")
class AuditLogController {

	/** The most rows one export returns; narrow the time range for more. */
	static final int EXPORT_LIMIT = 100_000;

	private final AuditLogService rows;

	private final JsonMapper jsonMapper;

	AuditLogController(AuditLogService rows, JsonMapper jsonMapper) {
		this.rows = rows;
		this.jsonMapper = jsonMapper;
	}

	@GetMapping("/api/audit_logs")
	@Permitted(Permission.AUDIT_READ)
	@Operation(summary = "List audit log entries", description = "Newest first, filtered, one page at a time.")
	Mono<ListResponse<AuditLogResponse>> list(
			@Parameter(description = "Earliest time (inclusive), RFC 3339.") @RequestParam(name = "from",
					required = false) String from,
			@Parameter(description = "Latest time (exclusive), RFC 3339.") @RequestParam(name = "to",
					required = false) String to,
			@Parameter(description = "User name.") @RequestParam(name = "username", required = false) String username,
			@Parameter(description = "Action, such as `publish` or `login`.") @RequestParam(name = "action",
					required = false) String action,
			@Parameter(description = "Gateway group id.") @RequestParam(name = "gateway_group_id",
					required = false) String groupId,
			@Parameter(description = "Resource type.") @RequestParam(name = "resource_type",
					required = false) String resourceType,
			@Parameter(description = "Resource id.") @RequestParam(name = "resource_id",
					required = false) String resourceId,
			@Parameter(description = "`success`, `failure` or `denied`.") @RequestParam(name = "outcome",
					required = false) String outcome,
			@ParameterObject PageParams paging) {
		return Mono
			.fromSupplier(() -> new Request(
					query(from, to, username, action, groupId, resourceType, resourceId, outcome), paging.query()))
			.flatMap((request) -> this.rows.find(request.query(), request.page().offset(), request.page().pageSize())
				.map(AuditLogResponse::of)
				.collectList()
				.zipWith(this.rows.count(request.query()), ListResponse::new));
	}

	@GetMapping("/api/audit_logs/export")
	@Permitted(Permission.AUDIT_READ)
	@Operation(summary = "Export audit log entries",
			description = "All entries matching the filters (at most 100000), newest first, as CSV (RFC 4180) or a"
					+ " JSON array.")
	Mono<ResponseEntity<String>> export(
			@Parameter(description = "`csv` or `json`.") @RequestParam(name = "format",
					defaultValue = "csv") String format,
			@Parameter(description = "Earliest time (inclusive), RFC 3339.") @RequestParam(name = "from",
					required = false) String from,
			@Parameter(description = "Latest time (exclusive), RFC 3339.") @RequestParam(name = "to",
					required = false) String to,
			@Parameter(description = "User name.") @RequestParam(name = "username", required = false) String username,
			@Parameter(description = "Action.") @RequestParam(name = "action", required = false) String action,
			@Parameter(description = "Gateway group id.") @RequestParam(name = "gateway_group_id",
					required = false) String groupId,
			@Parameter(description = "Resource type.") @RequestParam(name = "resource_type",
					required = false) String resourceType,
			@Parameter(description = "Resource id.") @RequestParam(name = "resource_id",
					required = false) String resourceId,
			@Parameter(description = "`success`, `failure` or `denied`.") @RequestParam(name = "outcome",
					required = false) String outcome) {
		return Mono.fromSupplier(() -> {
			if (!"csv".equals(format) && !"json".equals(format)) {
				throw ApiException.badRequest("format", "must be csv or json");
			}
			return query(from, to, username, action, groupId, resourceType, resourceId, outcome);
		})
			.flatMap((query) -> this.rows.find(query, 0, EXPORT_LIMIT).map(AuditLogResponse::of).collectList())
			.map((entries) -> "json".equals(format) ? json(entries) : csv(entries));
	}

	private ResponseEntity<String> json(List<AuditLogResponse> entries) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"portico-audit-log.json\"")
			.body(this.jsonMapper.writeValueAsString(entries));
	}

	private static ResponseEntity<String> csv(List<AuditLogResponse> entries) {
		StringBuilder csv = new StringBuilder(
				"id,occurred_at,user_id,username,token_id,source_ip,action,resource_type,resource_id,"
						+ "gateway_group_id,outcome,status,summary,detail\r\n");
		for (AuditLogResponse entry : entries) {
			Object[] fields = { entry.id(), entry.occurredAt(), entry.userId(), entry.username(), entry.tokenId(),
					entry.sourceIp(), entry.action(), entry.resourceType(), entry.resourceId(), entry.gatewayGroupId(),
					entry.outcome(), entry.status(), entry.summary(), entry.detail() };
			for (int i = 0; i < fields.length; i++) {
				if (i > 0) {
					csv.append(',');
				}
				csv.append(csvField(fields[i]));
			}
			csv.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"portico-audit-log.csv\"")
			.body(csv.toString());
	}

	static String csvField(Object value) {
		if (value == null) {
			return "";
		}
		String text = value.toString();
		// A leading = + - @ makes spreadsheets evaluate a cell: keep it text.
		if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
			text = "'" + text;
		}
		if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
				|| text.startsWith("'")) {
			return '"' + text.replace("\"", "\"\"") + '"';
		}
		return text;
	}

	private static AuditQuery query(String from, String to, String username, String action, String groupId,
			String resourceType, String resourceId, String outcome) {
		if (outcome != null && !List.of("success", "failure", "denied").contains(outcome)) {
			throw ApiException.badRequest("outcome", "must be success, failure or denied");
		}
		return new AuditQuery(time("from", from), time("to", to), username, action, groupId, resourceType, resourceId,
				outcome);
	}

	private static OffsetDateTime time(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiException.badRequest(field, "must be an RFC 3339 time such as 2026-12-01T00:00:00Z");
		}
	}

	private record Request(AuditQuery query, PageQuery page) {

	}

}
