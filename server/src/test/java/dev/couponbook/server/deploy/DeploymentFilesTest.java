package dev.couponbook.server.deploy;

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
