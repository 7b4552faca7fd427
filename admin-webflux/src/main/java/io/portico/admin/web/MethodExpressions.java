package io.portico.admin.web;

import org.aopalliance.intercept.MethodInvocation;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * The SpEL expressions of handler annotations ({@code @Permitted(group = "#groupId")},
 * {@code @Audited(id = "#result?.id()")}): parsed once, evaluated over a call's arguments
 * by parameter name, with {@code #result} for the returned value.
 */
public final class MethodExpressions {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private MethodExpressions() {
	}

	/**
	 * Parses an expression.
	 * @param text the expression, or an empty string
	 * @return the expression, or {@code null} for an empty one
	 */
	public static Expression parse(String text) {
		return text.isEmpty() ? null : PARSER.parseExpression(text);
	}

	/**
	 * Evaluates an expression over a call's arguments.
	 * @param expression the expression
	 * @param invocation the call
	 * @param result the returned value, or {@code null}
	 * @return the value as a string, or {@code null}
	 */
	public static String evaluate(Expression expression, MethodInvocation invocation, Object result) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(null, invocation.getMethod(),
				invocation.getArguments(), NAMES);
		context.setVariable("result", result);
		Object value = expression.getValue(context);
		return (value != null) ? value.toString() : null;
	}

}
