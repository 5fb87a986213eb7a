package dev.couponbook.server.web;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /v3/api-docs read by the OpenAPI model's parser is complete enough to generate a client:
 * every operation has a summary, the bearer scheme (but the token endpoint), a typed success
 * answer with the status its handler really answers, and the problem document, whose schema has
 * {@code code}, as its 4xx and default error answers.
 */
class OpenApiDocumentTest extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlers;

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
            boolean open = path.equals("/api/v1/auth/token") || path.equals(ApiDocumentation.TICKET_DOWNLOAD);
            if (!open && (operation.getSecurity() == null || operation.getSecurity().stream().noneMatch(s -> s.containsKey("bearer")))) {
                incomplete.add(route + ": no bearer security");
            }
            if (!typedSuccess(operation)) {
                incomplete.add(route + ": no typed 2xx answer " + operation.getResponses().keySet());
            }
            if (operation.getResponses().entrySet().stream().noneMatch(r -> r.getKey().startsWith("4") && isProblem(r.getValue()))) {
                incomplete.add(route + ": no 4xx problem answer");
            }
            boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
            if (takesInput && !isProblem(operation.getResponses().get("400"))) {
                incomplete.add(route + ": takes input but documents no 400 problem");
            }
            if (path.contains("{") && !isProblem(operation.getResponses().get("404"))) {
                incomplete.add(route + ": names something by its path but documents no 404 problem");
            }
            if (!path.equals(ApiDocumentation.TICKET_DOWNLOAD) && !isProblem(operation.getResponses().get("401"))) {
                incomplete.add(route + ": documents no 401 problem");
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
        assertThat(undocumentedStatuses(document)).isEmpty();
        Operation upload = document.getPaths().get("/api/v1/coupon-books/{bookId}/codes").getPost();
        assertThat(upload.getRequestBody().getContent()).containsKeys("text/csv", "application/json");
        Operation token = document.getPaths().get("/api/v1/auth/token").getPost();
        assertThat(token.getRequestBody().getContent()).containsKeys("application/json", "application/x-www-form-urlencoded");
        assertThat(document.getPaths().get("/api/v1/service-accounts").getPost().getResponses()).containsKey("201");
        assertThat(document.getPaths()).containsKeys("/api/v1/service-accounts/{clientId}/secret",
                "/api/v1/service-accounts/{clientId}/disable", "/api/v1/service-accounts/{clientId}/enable");
    }

    /**
     * Every API handler's real success status, read from the handler itself, is the one documented: a
     * {@code @ResponseStatus} status replaces 200; a handler answering a {@code ResponseEntity} must declare its status
     * ({@code @ResponseStatus} or an {@code @ApiResponse}), since the document cannot read it from the code; a handler
     * answering nothing documents no body unless it writes one in the media type it produces.
     */
    private List<String> undocumentedStatuses(OpenAPI document) {
        List<String> wrong = new ArrayList<>();
        handlers.getHandlerMethods().forEach((mapping, handler) -> {
            for (String path : mapping.getPathPatternsCondition().getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : mapping.getMethodsCondition().getMethods()) {
                    String route = method + " " + path;
                    Operation operation = document.getPaths().get(path).readOperationsMap()
                        .get(PathItem.HttpMethod.valueOf(method.name()));
                    Map<String, ApiResponse> responses = operation.getResponses();
                    ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ResponseStatus.class);
                    boolean annotated = AnnotatedElementUtils.hasAnnotation(handler.getMethod(),
                        io.swagger.v3.oas.annotations.responses.ApiResponse.class);
                    if (declared != null) {
                        String code = String.valueOf(declared.code().value());
                        if (!responses.containsKey(code) || (!code.equals("200") && responses.containsKey("200"))) {
                            wrong.add(route + ": answers " + code + ", documents " + responses.keySet());
                        }
                    } else if (ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType()) && !annotated) {
                        wrong.add(route + ": answers a ResponseEntity without declaring its status");
                    }
                    if (handler.getMethod().getReturnType() == void.class) {
                        Set<String> produced = mapping.getProducesCondition().getProducibleMediaTypes().stream()
                            .map(Object::toString).collect(Collectors.toSet());
                        responses.entrySet().stream().filter(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null)
                            .flatMap(r -> r.getValue().getContent().keySet().stream())
                            .forEach(media -> produced.remove(media));
                        if (!produced.isEmpty()) {
                            wrong.add(route + ": writes " + produced + " but does not document it");
                        }
                    }
                }
            }
        });
        return wrong;
    }

    private static boolean isProblem(ApiResponse response) {
        return response != null && response.getContent() != null && response.getContent().get("application/problem+json") != null
            && "#/components/schemas/Problem".equals(response.getContent().get("application/problem+json").getSchema().get$ref());
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
