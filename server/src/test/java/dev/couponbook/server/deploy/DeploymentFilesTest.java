package dev.couponbook.server.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks the deployment files with tools instead of by eye: every Kubernetes manifest is read
 * into fabric8's typed Kubernetes API model (wrong types fail, unknown fields are collected and
 * must be none), and docker-compose.yml must pass {@code docker-compose config}.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    @Test
    void canReadEveryKubernetesManifestWithoutUnknownFields() throws IOException {
        List<HasMetadata> resources = manifests();
        assertThat(resources).extracting(HasMetadata::getKind)
                .contains("Deployment", "Service", "Ingress", "ConfigMap", "Secret", "HorizontalPodAutoscaler",
                        "PodDisruptionBudget");
        for (HasMetadata resource : resources) {
            if (resource instanceof GenericKubernetesResource) {
                continue; // a custom resource (KEDA): fabric8 has no model to check it against, see below
            }
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(resource, resource.getKind() + "/" + resource.getMetadata().getName(), unknown,
                    java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            assertThat(unknown).as("fields the Kubernetes API does not define").isEmpty();
        }
    }

    @Test
    void canProbeEveryDeploymentOnItsHealthGroups() throws IOException {
        List<Deployment> deployments = manifests().stream()
                .filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("coupon-book-api", "coupon-book-worker");
        for (Deployment deployment : deployments) {
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(container.getEnv()).anyMatch(env -> env.getName().equals("COUPONBOOK_ROLES"));
        }
    }

    /** Pod Security "restricted", probes and scrape on the management port, URIs with credentials from a Secret. */
    @Test
    void canRunEveryDeploymentUnderRestrictedPodSecurityWithCredentialsFromSecrets() throws IOException {
        for (Deployment deployment : manifests().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList()) {
            String name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate();
            var container = pod.getSpec().getContainers().get(0);
            assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
            assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).as(name).isEqualTo("management");
            assertThat(pod.getMetadata().getAnnotations()).as(name).containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/port", "8081");
            assertThat(container.getEnvFrom()).as(name).anyMatch(from -> from.getSecretRef() != null
                    && from.getSecretRef().getName().equals("coupon-book-stores"));
        }
        ConfigMap config = manifests().stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow();
        assertThat(config.getData()).doesNotContainKeys("MONGODB_URI", "REDIS_URL", "AMQP_URL");
        Deployment worker = manifests().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .filter(d -> d.getMetadata().getName().equals("coupon-book-worker")).findFirst().orElseThrow();
        assertThat(worker.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .singleElement().satisfies(jwt -> assertThat(jwt.getSecret().getItems())
                        .extracting(item -> item.getKey()).as("the worker gets the public key only").containsExactly("public.pem"));
    }

    /** The worker scales on its queue's depth (KEDA), and no CPU autoscaler fights KEDA's for it. */
    @Test
    void canScaleTheWorkerOnQueueDepth() throws IOException {
        List<HasMetadata> resources = manifests();
        GenericKubernetesResource scaled = resources.stream().filter(r -> r.getKind().equals("ScaledObject"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("coupon-book-worker");
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        assertThat(triggers).singleElement().satisfies(trigger -> {
            assertThat(trigger.get("type")).isEqualTo("rabbitmq");
            assertThat(((Map<?, ?>) trigger.get("metadata")).get("queueName")).isEqualTo("cb.generation.chunks");
        });
        assertThat(resources).filteredOn(r -> r.getKind().equals("HorizontalPodAutoscaler"))
                .extracting(r -> r.getMetadata().getName()).containsExactly("coupon-book-api");
        assertThat(Files.readString(KUBERNETES.resolve("kustomization.yaml"))).contains("worker-scaling.yaml");
    }

    @Test
    void canRenderTheComposeFile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (Debian package docker-compose)");
        Process config = new ProcessBuilder("docker-compose", "--env-file", ".env.example", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(config.getInputStream().readAllBytes());
        assertThat(config.exitValue()).as(output).isZero();
    }

    private static List<HasMetadata> manifests() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<HasMetadata> resources = new ArrayList<>();
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (!document.replaceAll("(?m)^\\s*#.*$", "").isBlank()) {
                        KubernetesResource resource = serialization.unmarshal(document, KubernetesResource.class);
                        assertThat(resource).as(file.getFileName() + " holds a known kind").isInstanceOf(HasMetadata.class);
                        resources.add((HasMetadata) resource);
                    }
                }
            }
        }
        return resources;
    }

    /** fabric8 keeps fields it does not know in {@code additionalProperties}; any there is a mistake. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = getter.invoke(node);
                if (getter.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
                } else {
                    collectUnknownFields(value, path + "." + getter.getName().substring(3), unknown, seen);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
