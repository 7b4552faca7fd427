package io.portico.registry;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * How the Kubernetes client and its slice watches describe a failed request: built from
 * the status code and the root cause's message only, never from request headers (where
 * the token travels), and scrubbed of the token should a library have quoted it.
 *
 * @param server the API server URL, named in every message
 * @param scrubber the scrubber of the connection's token
 */
record KubernetesErrors(String server, SecretScrubber scrubber) {

	/**
	 * A failure to hand to the caller.
	 * @param action what was being done
	 * @param ex the error
	 * @return the exception, without a cause that quotes the token (it would show in a
	 * logged stack trace)
	 */
	RegistryException failure(String action, Throwable ex) {
		return new RegistryException(describe(action, ex), this.scrubber.revealedBy(ex) ? null : ex);
	}

	/**
	 * Describes an error for an operator.
	 * @param action what was being done
	 * @param ex the error
	 * @return the message, without secrets
	 */
	String describe(String action, Throwable ex) {
		return this.scrubber.scrub(unscrubbed(action, ex));
	}

	/**
	 * The root cause's message.
	 * @param ex the error
	 * @return the message, without secrets
	 */
	String rootMessage(Throwable ex) {
		return this.scrubber.scrub(RegistryErrors.rootMessage(ex));
	}

	private String unscrubbed(String action, Throwable ex) {
		if (ex instanceof KubernetesClientException kubernetes && kubernetes.getCode() > 0) {
			int code = kubernetes.getCode();
			String detail = (kubernetes.getStatus() != null && kubernetes.getStatus().getMessage() != null)
					? kubernetes.getStatus().getMessage() : "";
			if (code == 401) {
				return "Kubernetes API server " + this.server + " refused the token (401 Unauthorized)";
			}
			if (code == 403) {
				return "Kubernetes API server " + this.server + " denied access (403 Forbidden): " + action
						+ (detail.isEmpty() ? "" : ": " + detail);
			}
			return "Kubernetes API server " + this.server + " answered " + code + ": " + action
					+ (detail.isEmpty() ? "" : ": " + detail);
		}
		return "cannot connect to Kubernetes API server " + this.server + ": " + RegistryErrors.rootMessage(ex);
	}

}
