package io.portico.admin.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;

/**
 * Renders every error of the admin, from any layer, as an RFC 9457
 * {@code application/problem+json} body with {@code errors: [{field, message}]}; runs
 * before Spring Boot's default error handler so that no error escapes in another shape,
 * and never shows a stack trace. An unreachable database answers 503 with
 * {@code Retry-After} ({@link DatabaseUnreachable}).
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemWebExceptionHandler.class);

	private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

	private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '.*?'(?=: was expecting|$)");

	private final JsonMapper jsonMapper;

	public ProblemWebExceptionHandler(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.error(ex);
		}
		Throwable unreachable = (ex instanceof ApiException) ? null : DatabaseUnreachable.find(ex);
		Problem problem = (unreachable != null) ? new Problem(503, DatabaseUnreachable.DETAIL, List.of())
				: toProblem(exchange, ex);
		if (problem.status() >= 500) {
			String request = "Request " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath();
			if (unreachable != null) {
				// Expected while the database is down: one line, no stack trace per
				// request.
				Throwable root = DatabaseUnreachable.root(ex);
				logger.warn(request + " failed: the database is unreachable (" + unreachable.getClass().getName()
						+ ", caused by " + root.getClass().getName() + ": " + root.getMessage() + ")");
			}
			else if (ex instanceof ApiException) {
				// A deliberate answer (a registry that failed): its detail says it all.
				logger.warn(request + " failed: " + problem.detail());
			}
			else {
				logger.error(request + " failed", ex);
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		HttpStatus resolved = HttpStatus.resolve(problem.status());
		body.put("title", (resolved != null) ? resolved.getReasonPhrase() : "Error");
		body.put("status", problem.status());
		body.put("detail", problem.detail());
		body.put("instance", exchange.getRequest().getPath().value());
		body.put("errors", problem.errors());
		if (ex instanceof ApiException api) {
			api.getProperties().forEach(body::putIfAbsent);
		}
		byte[] bytes = this.jsonMapper.writeValueAsBytes(body);
		response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		if (ex instanceof ErrorResponse errorResponse) {
			errorResponse.getHeaders().forEach((name, values) -> response.getHeaders().addAll(name, values));
		}
		if (unreachable != null) {
			response.getHeaders().set(HttpHeaders.RETRY_AFTER, DatabaseUnreachable.RETRY_AFTER_SECONDS);
		}
		DataBuffer buffer = response.bufferFactory().wrap(bytes);
		return response.writeWith(Mono.just(buffer));
	}

	private Problem toProblem(ServerWebExchange exchange, Throwable ex) {
		if (ex instanceof ApiException api) {
			return new Problem(api.getStatus().value(), api.getMessage(), api.getErrors());
		}
		if (ex instanceof WebExchangeBindException bind) {
			return fromBinding(bind);
		}
		if (ex instanceof ServerWebInputException input) {
			return fromInput(input);
		}
		if (ex instanceof NoResourceFoundException) {
			return new Problem(404,
					"No endpoint " + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value(),
					List.of());
		}
		if (ex instanceof ErrorResponse errorResponse) {
			int status = errorResponse.getStatusCode().value();
			String detail = errorResponse.getBody().getDetail();
			return new Problem(status, (detail != null) ? detail : ex.getMessage(), List.of());
		}
		return new Problem(500, "Internal error; the admin log has the details", List.of());
	}

	private Problem fromBinding(WebExchangeBindException bind) {
		List<ApiFieldError> errors = new ArrayList<>();
		for (ObjectError error : bind.getAllErrors()) {
			String field = (error instanceof FieldError fieldError)
					? snakeCase(UnwrappedPaths.strip(targetType(bind), fieldError.getField())) : "$";
			errors.add(new ApiFieldError(field, error.getDefaultMessage()));
		}
		String detail = "The request has " + errors.size() + " invalid field(s): "
				+ String.join(", ", errors.stream().map(ApiFieldError::field).toList());
		return new Problem(400, detail, List.copyOf(errors));
	}

	private static Class<?> targetType(WebExchangeBindException bind) {
		Object target = bind.getTarget();
		return (target != null) ? target.getClass() : null;
	}

	private Problem fromInput(ServerWebInputException input) {
		JacksonException json = findCause(input, JacksonException.class);
		if (json != null) {
			ApiFieldError error = fromJson(json);
			return new Problem(400, error.field() + ": " + error.message(), List.of(error));
		}
		MethodParameter parameter = input.getMethodParameter();
		String field = "$";
		if (parameter != null) {
			RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
			if (parameter.hasParameterAnnotation(RequestBody.class)) {
				field = "$";
			}
			else if (requestParam != null && !requestParam.name().isEmpty()) {
				field = requestParam.name();
			}
			else if (parameter.getParameterName() != null) {
				field = snakeCase(parameter.getParameterName());
			}
		}
		String message = input.getReason();
		if (findCause(input, TypeMismatchException.class) != null) {
			message = "wrong type: "
					+ findCause(input, TypeMismatchException.class).getMostSpecificCause().getMessage();
		}
		if (message == null) {
			message = "invalid request";
		}
		return new Problem(400, field + ": " + message, List.of(new ApiFieldError(field, message)));
	}

	static ApiFieldError fromJson(JacksonException ex) {
		String path = jsonPath(ex.getPath());
		if (ex instanceof UnrecognizedPropertyException) {
			return new ApiFieldError(path, "unknown field");
		}
		if (ex instanceof StreamReadException) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			return new ApiFieldError(path, "malformed JSON" + where + ": " + firstSentence(ex.getOriginalMessage()));
		}
		if (ex instanceof MismatchedInputException mismatch) {
			String original = ex.getOriginalMessage();
			if (original != null && original.startsWith("must not")) {
				return new ApiFieldError(path, original);
			}
			if (original != null && original.startsWith("Trailing token")) {
				return new ApiFieldError(path, "unexpected content after the JSON value");
			}
			String expected = (mismatch.getTargetType() != null) ? describe(mismatch.getTargetType()) : "another type";
			return new ApiFieldError(path, "wrong type: expected " + expected);
		}
		String original = ex.getOriginalMessage();
		return new ApiFieldError(path, (original != null) ? original.split("\n", 2)[0] : "invalid JSON");
	}

	private static String firstSentence(String message) {
		if (message == null) {
			return "unreadable";
		}
		String text = message.split("\n", 2)[0];
		// The token may be a secret typed without quotes; name the problem, not the
		// value.
		text = UNRECOGNIZED_TOKEN.matcher(text).replaceAll("Unrecognized token");
		// Jackson appends parser internals that say nothing to an API user.
		for (String noise : new String[] { " (start marker", " at [Source", "[Source" }) {
			int at = text.indexOf(noise);
			if (at > 0) {
				text = text.substring(0, at);
			}
		}
		return text.strip();
	}

	private static String describe(Class<?> type) {
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class) {
			return "a number";
		}
		if (type == String.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (List.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		return "an object";
	}

	static String jsonPath(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			if (reference.getPropertyName() != null) {
				if (path.length() > 0) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > 0) ? path.toString() : "$";
	}

	static String snakeCase(String javaPath) {
		Matcher matcher = CAMEL.matcher(javaPath);
		return matcher.replaceAll("$1_$2").toLowerCase(Locale.ROOT);
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		Throwable current = ex;
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = (current.getCause() != current) ? current.getCause() : null;
		}
		return null;
	}

	private record Problem(int status, String detail, List<ApiFieldError> errors) {

	}

}
