package dev.couponbook.server.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /v3/api-docs read by the OpenAPI model's parser is complete enough to generate a client:
 * every operation has a summary, the bearer scheme (but the token endpoint), a typed success
 * answer and the problem document, whose schema has {@code code}, as its error answer.
 */
class OpenApiDocumentTest extends IntegrationTest {

    @Test
    void canGenerateAClientFromTheApiDocument() throws Exception {
        String raw = api.get("/v3/api-docs", null).raw();
        OpenAPI document = Json.mapper().readValue(raw, OpenAPI.class);

        assertThat(document.getPaths()).doesNotContainKey("/error");
        assertThat(document.getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKey("code");
        assertThat(problem.getRequired()).contains("code");

        List<String> incomplete = new ArrayList<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String route = method + " " + path;
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                incomplete.add(route + ": no summary");
            }
            boolean open = path.equals("/api/v1/auth/token");
            if (!open && (operation.getSecurity() == null || operation.getSecurity().stream().noneMatch(s -> s.containsKey("bearer")))) {
                incomplete.add(route + ": no bearer security");
            }
            if (!typedSuccess(operation)) {
                incomplete.add(route + ": no typed 2xx answer " + operation.getResponses().keySet());
            }
            ApiResponse refusal = operation.getResponses().get("default");
            if (refusal == null || refusal.getContent() == null || refusal.getContent().get("application/problem+json") == null
                    || !"#/components/schemas/Problem".equals(refusal.getContent().get("application/problem+json").getSchema().get$ref())) {
                incomplete.add(route + ": no problem answer");
            }
            if (operation.getResponses().values().stream().anyMatch(r -> r.getContent() != null && r.getContent().containsKey("*/*"))) {
                incomplete.add(route + ": an answer of type */*");
            }
        }));
        assertThat(incomplete).isEmpty();
        Operation upload = document.getPaths().get("/api/v1/coupon-books/{bookId}/codes").getPost();
        assertThat(upload.getRequestBody().getContent()).containsKeys("text/csv", "application/json");
        Operation token = document.getPaths().get("/api/v1/auth/token").getPost();
        assertThat(token.getRequestBody().getContent()).containsKeys("application/json", "application/x-www-form-urlencoded");
        assertThat(document.getPaths().get("/api/v1/service-accounts").getPost().getResponses()).containsKey("201");
        assertThat(document.getPaths()).containsKeys("/api/v1/service-accounts/{clientId}/secret",
                "/api/v1/service-accounts/{clientId}/disable", "/api/v1/service-accounts/{clientId}/enable");
    }

    /** A 2xx with a schema that is more than a bare object, or an answer that has no body (202, 204). */
    private static boolean typedSuccess(Operation operation) {
        for (Map.Entry<String, ApiResponse> response : operation.getResponses().entrySet()) {
            if (!response.getKey().startsWith("2")) {
                continue;
            }
            if (response.getValue().getContent() == null || response.getValue().getContent().isEmpty()) {
                return response.getKey().equals("204") || response.getKey().equals("202");
            }
            for (MediaType media : response.getValue().getContent().values()) {
                Schema<?> schema = media.getSchema();
                if (schema != null && (schema.get$ref() != null || schema.getItems() != null
                        || (schema.getType() != null && !schema.getType().equals("object")) || schema.getProperties() != null)) {
                    return true;
                }
            }
        }
        return false;
    }
}
