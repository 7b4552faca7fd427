package io.portico.gateway.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Parses every manifest in {@code k8s/} with the fabric8 model (no cluster here) and
 * checks that the references line up.
 */
class KubernetesManifestsTests {

	private static final Path DIRECTORY = Path.of("..", "k8s");

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private final List<HasMetadata> objects = load();

	@Test
	void everyManifest_parsesAndDeclaresItsNamespace() throws IOException {
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".yaml"))).hasSizeGreaterThanOrEqualTo(5);
		}
		assertThat(this.objects).isNotEmpty()
			.allSatisfy((object) -> assertThat(object.getMetadata().getName()).isNotBlank());
		assertThat(of(Deployment.class)).extracting((d) -> d.getMetadata().getName())
			.contains("portico-admin", "portico-gateway-default");
		for (HasMetadata object : this.objects) {
			String namespace = object.getMetadata().getNamespace();
			if (namespace != null) {
				assertThat(find(Namespace.class, null, namespace)).as("namespace of %s", object.getMetadata().getName())
					.isNotNull();
			}
		}
	}

	@Test
	void everyServiceAccountName_exists() {
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
			assertThat(name).as("serviceAccountName of %s", deployment.getMetadata().getName()).isNotBlank();
			assertThat(find(ServiceAccount.class, deployment.getMetadata().getNamespace(), name))
				.as("ServiceAccount %s", name)
				.isNotNull();
		}
	}

	@Test
	void everyRoleBinding_namesAnExistingRoleAndServiceAccounts() {
		List<RoleRef> refs = new ArrayList<>();
		List<Subject> subjects = new ArrayList<>();
		for (ClusterRoleBinding binding : of(ClusterRoleBinding.class)) {
			refs.add(binding.getRoleRef());
			subjects.addAll(binding.getSubjects());
		}
		for (RoleBinding binding : of(RoleBinding.class)) {
			refs.add(binding.getRoleRef());
			binding.getSubjects().forEach((subject) -> subjects.add(subject));
			if (binding.getRoleRef().getKind().equals("Role")) {
				assertThat(find(Role.class, binding.getMetadata().getNamespace(), binding.getRoleRef().getName()))
					.isNotNull();
			}
		}
		assertThat(refs).isNotEmpty();
		for (RoleRef ref : refs) {
			assertThat(ref.getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
			if (ref.getKind().equals("ClusterRole")) {
				assertThat(find(ClusterRole.class, null, ref.getName())).as("ClusterRole %s", ref.getName())
					.isNotNull();
			}
		}
		assertThat(subjects).isNotEmpty().allSatisfy((subject) -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(find(ServiceAccount.class, subject.getNamespace(), subject.getName()))
				.as("ServiceAccount %s/%s", subject.getNamespace(), subject.getName())
				.isNotNull();
		});
		List<String> bound = subjects.stream().map(Subject::getName).toList();
		for (Deployment deployment : of(Deployment.class)) {
			assertThat(bound).contains(deployment.getSpec().getTemplate().getSpec().getServiceAccountName());
		}
	}

	@Test
	void discoveryClusterRole_grantsExactlyReadOnEndpointSlicesServicesAndNamespaces() {
		ClusterRole role = find(ClusterRole.class, null, "portico-discovery");
		assertThat(role).isNotNull();
		Map<String, List<String>> grants = new HashMap<>();
		for (PolicyRule rule : role.getRules()) {
			assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
			assertThat(rule.getResourceNames()).isNullOrEmpty();
			assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
			for (String group : rule.getApiGroups()) {
				grants.computeIfAbsent(group, (key) -> new ArrayList<>()).addAll(rule.getResources());
			}
		}
		assertThat(grants).containsOnlyKeys("", "discovery.k8s.io");
		assertThat(grants.get("discovery.k8s.io")).containsExactly("endpointslices");
		assertThat(grants.get("")).containsExactlyInAnyOrder("services", "namespaces");
		assertThat(of(Role.class)).isEmpty();
	}

	@Test
	void everySecretKeyRef_namesAnExistingSecretAndKey() {
		int refs = 0;
		for (HasMetadata workload : workloads()) {
			for (Container container : podSpec(workload).getContainers()) {
				for (EnvVar env : container.getEnv()) {
					if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
						continue;
					}
					SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
					Secret secret = find(Secret.class, workload.getMetadata().getNamespace(), ref.getName());
					assertThat(secret).as("Secret %s of %s", ref.getName(), env.getName()).isNotNull();
					List<String> keys = new ArrayList<>();
					if (secret.getStringData() != null) {
						keys.addAll(secret.getStringData().keySet());
					}
					if (secret.getData() != null) {
						keys.addAll(secret.getData().keySet());
					}
					assertThat(keys).as("keys of Secret %s", ref.getName()).contains(ref.getKey());
					refs++;
				}
			}
		}
		assertThat(refs).isGreaterThanOrEqualTo(11);
	}

	@Test
	void everyConfigMapVolume_namesAnExistingConfigMap() {
		List<String> names = workloads().stream()
			.flatMap((workload) -> podSpec(workload).getVolumes().stream())
			.filter((volume) -> volume.getConfigMap() != null)
			.map((volume) -> volume.getConfigMap().getName())
			.toList();
		assertThat(names).isNotEmpty()
			.allSatisfy(
					(name) -> assertThat(find(ConfigMap.class, "portico", name)).as("ConfigMap %s", name).isNotNull());
	}

	@Test
	void gatewayDbAccountConfigMap_holdsTheShippedScriptVerbatim() throws IOException {
		ConfigMap scripts = find(ConfigMap.class, "portico", "portico-gateway-db-account");
		assertThat(scripts).isNotNull();
		String shipped;
		try (InputStream in = new ClassPathResource("db/gateway-account.sql").getInputStream()) {
			shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}

		assertThat(scripts.getData().get("gateway-account.sql")).isEqualTo(shipped);
	}

	@Test
	void gatewaysAndTheAccountJob_useTheGatewaySecret_andTheJobRunsAsTheOwner() {
		Job job = find(Job.class, "portico", "portico-gateway-db-account");
		assertThat(job).isNotNull();
		Container psql = job.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(secretRef(psql, "GATEWAY_USERNAME")).isEqualTo("portico-gateway-db/username");
		assertThat(secretRef(psql, "GATEWAY_PASSWORD")).isEqualTo("portico-gateway-db/password");
		assertThat(secretRef(psql, "OWNER_USERNAME")).isEqualTo("portico-db/username");
		assertThat(secretRef(psql, "OWNER_PASSWORD")).isEqualTo("portico-db/password");
		assertThat(psql.getArgs()).singleElement().asString().contains("-f \"$SCRIPT\"");
		assertThat(env(psql, "SCRIPT")).startsWith(psql.getVolumeMounts().get(0).getMountPath() + "/");

		List<Deployment> gateways = of(Deployment.class).stream()
			.filter((d) -> "portico-gateway".equals(d.getMetadata().getLabels().get("app.kubernetes.io/name")))
			.toList();
		assertThat(gateways).isNotEmpty().allSatisfy((gateway) -> {
			Container container = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(secretRef(container, "SPRING_R2DBC_USERNAME")).isEqualTo("portico-gateway-db/username");
			assertThat(secretRef(container, "SPRING_R2DBC_PASSWORD")).isEqualTo("portico-gateway-db/password");
		});
	}

	@Test
	void everyService_selectsADeploymentsPodsAndTargetsAContainerPort() {
		assertThat(of(Service.class)).isNotEmpty();
		for (Service service : of(Service.class)) {
			Map<String, String> selector = service.getSpec().getSelector();
			assertThat(selector).isNotEmpty();
			List<Deployment> selected = of(Deployment.class).stream()
				.filter((d) -> Objects.equals(d.getMetadata().getNamespace(), service.getMetadata().getNamespace()))
				.filter((d) -> d.getSpec()
					.getTemplate()
					.getMetadata()
					.getLabels()
					.entrySet()
					.containsAll(selector.entrySet()))
				.toList();
			assertThat(selected).as("Deployments selected by Service %s", service.getMetadata().getName()).hasSize(1);
			Deployment deployment = selected.get(0);
			for (ServicePort port : service.getSpec().getPorts()) {
				assertThat(hasPort(deployment, port.getTargetPort()))
					.as("targetPort %s of Service %s", port.getTargetPort(), service.getMetadata().getName())
					.isTrue();
			}
		}
	}

	@Test
	void everyDeployment_hasProbesOnExistingPorts_andItsSelectorMatchesItsPods() {
		for (Deployment deployment : of(Deployment.class)) {
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet())
				.containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet());
			for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
				assertThat(container.getReadinessProbe()).isNotNull();
				assertThat(container.getLivenessProbe()).isNotNull();
				for (Probe probe : new Probe[] { container.getReadinessProbe(), container.getLivenessProbe(),
						container.getStartupProbe() }) {
					if (probe != null) {
						assertThat(probe.getHttpGet().getPath()).startsWith("/actuator/health/");
						assertThat(hasPort(deployment, probe.getHttpGet().getPort())).isTrue();
					}
				}
			}
		}
	}

	@Test
	void everyGatewayDeployment_servesTheGroupOfItsLabelThroughEnv() {
		List<Deployment> gateways = of(Deployment.class).stream()
			.filter((d) -> "portico-gateway".equals(d.getMetadata().getLabels().get("app.kubernetes.io/name")))
			.toList();
		assertThat(gateways).isNotEmpty();
		for (Deployment gateway : gateways) {
			String group = gateway.getSpec().getTemplate().getMetadata().getLabels().get("portico.io/gateway-group");
			Container container = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(env(container, "PORTICO_GATEWAY_GROUP")).isEqualTo(group);
			assertThat(env(container, "SPRING_PROFILES_ACTIVE")).contains("kubernetes");
		}
	}

	@Test
	void everyGatewayDeployment_probesTheManagementPort_andItsServiceExposesOnlyTheProxyPort() {
		List<Deployment> gateways = of(Deployment.class).stream()
			.filter((d) -> "portico-gateway".equals(d.getMetadata().getLabels().get("app.kubernetes.io/name")))
			.toList();
		assertThat(gateways).isNotEmpty();
		for (Deployment gateway : gateways) {
			Container container = gateway.getSpec().getTemplate().getSpec().getContainers().get(0);
			assertThat(container.getPorts()).extracting(ContainerPort::getName, ContainerPort::getContainerPort)
				.containsExactlyInAnyOrder(tuple("http", 9080), tuple("management", 9091));
			assertThat(new Probe[] { container.getStartupProbe(), container.getReadinessProbe(),
					container.getLivenessProbe() })
				.allSatisfy((probe) -> assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management"));
		}
		List<Service> services = of(Service.class).stream()
			.filter((s) -> "portico-gateway".equals(s.getSpec().getSelector().get("app.kubernetes.io/name")))
			.toList();
		assertThat(services).isNotEmpty()
			.allSatisfy((service) -> assertThat(service.getSpec().getPorts())
				.extracting((port) -> port.getTargetPort().getStrVal())
				.containsExactly("http"));
	}

	private static String secretRef(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(name) && env.getValueFrom() != null
					&& env.getValueFrom().getSecretKeyRef() != null)
			.map((env) -> env.getValueFrom().getSecretKeyRef().getName() + "/"
					+ env.getValueFrom().getSecretKeyRef().getKey())
			.findFirst()
			.orElse(null);
	}

	/** Deployments and Jobs: what runs pods. */
	private List<HasMetadata> workloads() {
		List<HasMetadata> workloads = new ArrayList<>(of(Deployment.class));
		workloads.addAll(of(Job.class));
		return workloads;
	}

	private static PodSpec podSpec(HasMetadata workload) {
		return (workload instanceof Job job) ? job.getSpec().getTemplate().getSpec()
				: ((Deployment) workload).getSpec().getTemplate().getSpec();
	}

	@Test
	void adminAndEveryGateway_readTheSameSecretsKeyFromAMountedSecret() {
		List<String> secretNames = new ArrayList<>();
		for (Deployment deployment : of(Deployment.class)) {
			String name = deployment.getMetadata().getName();
			Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
			String keyFile = env(container, "PORTICO_SECRETS_KEY_FILE");
			assertThat(keyFile).as("PORTICO_SECRETS_KEY_FILE of %s", name).isNotBlank();
			assertThat(env(container, "PORTICO_SECRETS_KEY")).as("no key in the environment of %s", name).isNull();
			Path file = Path.of(keyFile);
			VolumeMount mount = container.getVolumeMounts()
				.stream()
				.filter((candidate) -> Path.of(candidate.getMountPath()).equals(file.getParent()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no volume mounted at " + file.getParent() + " in " + name));
			assertThat(mount.getReadOnly()).as("read-only mount in %s", name).isTrue();
			Volume volume = deployment.getSpec()
				.getTemplate()
				.getSpec()
				.getVolumes()
				.stream()
				.filter((candidate) -> candidate.getName().equals(mount.getName()))
				.findFirst()
				.orElseThrow();
			SecretVolumeSource source = volume.getSecret();
			assertThat(source).as("volume %s of %s is a Secret", volume.getName(), name).isNotNull();
			Secret secret = find(Secret.class, deployment.getMetadata().getNamespace(), source.getSecretName());
			assertThat(secret).as("Secret %s", source.getSecretName()).isNotNull();
			assertThat(source.getItems()).as("items of %s", source.getSecretName())
				.anySatisfy((item) -> assertThat(item.getPath()).isEqualTo(file.getFileName().toString()))
				.allSatisfy((item) -> assertThat(secret.getStringData()).containsKey(item.getKey()));
			secretNames.add(source.getSecretName());
		}
		assertThat(secretNames).hasSizeGreaterThanOrEqualTo(2).containsOnly(secretNames.get(0));
	}

	private static String env(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(name))
			.map(EnvVar::getValue)
			.findFirst()
			.orElse(null);
	}

	private static boolean hasPort(Deployment deployment, IntOrString port) {
		for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
			for (ContainerPort candidate : container.getPorts()) {
				if ((port.getStrVal() != null && port.getStrVal().equals(candidate.getName()))
						|| (port.getIntVal() != null && port.getIntVal().equals(candidate.getContainerPort()))) {
					return true;
				}
			}
		}
		return false;
	}

	private <T extends HasMetadata> List<T> of(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	private <T extends HasMetadata> T find(Class<T> type, String namespace, String name) {
		return of(type).stream()
			.filter((object) -> object.getMetadata().getName().equals(name))
			.filter((object) -> namespace == null || namespace.equals(object.getMetadata().getNamespace()))
			.findFirst()
			.orElse(null);
	}

	private static List<HasMetadata> load() {
		List<HasMetadata> objects = new ArrayList<>();
		try (Stream<Path> files = Files.list(DIRECTORY)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).sorted().toList()) {
				String yaml = Files.readString(file, StandardCharsets.UTF_8);
				for (String document : yaml.split("(?m)^---\\s*$")) {
					if (document.lines().anyMatch((line) -> line.startsWith("kind:"))) {
						objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return List.copyOf(objects);
	}

}
