package dev.couponbook.server.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.List;
import java.util.Map;

/**
 * Makes /v3/api-docs complete enough to generate a client from: the bearer scheme on every
 * operation but the token endpoint and the ticket download, the problem document (with its {@code code}) as every
 * operation's error answer, 400/401/403/404/429 where they occur, the upload's body, a summary for
 * each operation. Answer types and success statuses come from the controllers' signatures and
 * annotations ({@code @ResponseStatus}, or {@code @ApiResponse} where one handler answers several);
 * OpenApiDocumentTest holds every handler's declared status against the document.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String TOKEN = "/api/v1/auth/token";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String UPLOAD = "/api/v1/coupon-books/{bookId}/codes";
    /** Its download ticket, in the path, is its credential. */
    static final String TICKET_DOWNLOAD = UPLOAD + "/downloads/{ticket}";
    private static final List<String> RATE_LIMITED = List.of("POST " + TOKEN, "POST /api/v1/coupon-books/{bookId}/assignments",
            "POST /api/v1/coupons/{code}/assignment", "POST /api/v1/coupons/{code}/validation", "POST /api/v1/coupons/{code}/lock", "DELETE /api/v1/coupons/{code}/lock",
            "POST /api/v1/coupons/{code}/redemptions");

    @Bean
    OpenApiCustomizer completeApiDocument() {
        return api -> {
            api.getComponents()
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("a token from POST " + TOKEN))
                    .addSchemas(PROBLEM, problemSchema());
            api.getPaths().remove("/error");
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    complete(path, method, operation)));
        };
    }

    /**
     * What the handler itself says about its answer and springdoc does not read: a handler that writes its own body
     * (a {@code void} method with the response) answers in the media types it produces, each of them text.
     */
    @Bean
    OperationCustomizer answerAsTheHandlerWritesIt() {
        return (operation, handler) -> {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
            if (handler.getMethod().getReturnType() != void.class || mapping == null || mapping.produces().length == 0) {
                return operation;
            }
            ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), ResponseStatus.class);
            String status = String.valueOf(declared == null ? HttpStatus.OK.value() : declared.code().value());
            ApiResponse success = operation.getResponses().computeIfAbsent(status, code -> new ApiResponse().description("OK"));
            Content content = success.getContent() == null ? new Content() : success.getContent();
            for (String produced : mapping.produces()) {
                content.addMediaType(produced, new MediaType().schema(new StringSchema()));
            }
            success.setContent(content);
            return operation;
        };
    }

    private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
        String route = method + " " + path;
        if (operation.getSummary() == null) {
            operation.setSummary(Summaries.OF.getOrDefault(route, operation.getOperationId()));
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        if (takesInput) {
            operation.getResponses().addApiResponse("400",
                    problem("a parameter or the body is invalid (VALIDATION_FAILED names the fields, or a more specific code)"));
        }
        if (path.equals(TOKEN)) {
            operation.getResponses().addApiResponse("401", problem("wrong email or password"));
        } else if (!path.equals(TICKET_DOWNLOAD)) {
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            operation.getResponses().addApiResponse("401", problem("no token, or an invalid or expired one"));
            operation.getResponses().addApiResponse("403", problem("the caller's role does not allow this"));
        }
        if (path.contains("{")) {
            operation.getResponses().addApiResponse("404", problem("nothing of that name, or not the caller's (…_NOT_FOUND)"));
        }
        if (RATE_LIMITED.contains(route)) {
            operation.getResponses().addApiResponse("429", problem("over a rate budget; see Retry-After"));
        }
        operation.getResponses().addApiResponse("default",
                problem("any other refusal: the problem's code says which (docs/api.md lists them)"));
        if (route.equals("POST " + UPLOAD)) {
            Schema<?> codes = new StringSchema().description("one code per line");
            operation.setRequestBody(new RequestBody().required(true).description("the codes to add").content(new Content()
                    .addMediaType("text/csv", new MediaType().schema(codes))
                    .addMediaType("text/plain", new MediaType().schema(codes))
                    .addMediaType("application/json", new MediaType().schema(new ArraySchema().items(new StringSchema())))));
        }
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem document")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().description("stable code clients switch on, e.g. COUPON_NOT_FOUND"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())))
                .required(List.of("status", "code"));
    }

    /** One line per operation, as a generated client's method comment would show it. */
    static final class Summaries {
        static final Map<String, String> OF = Map.ofEntries(
                Map.entry("POST " + TOKEN, "Exchange email and password for a bearer token"),
                Map.entry("POST /api/v1/coupon-books", "Create a coupon book (and optionally start generating its codes)"),
                Map.entry("GET /api/v1/coupon-books", "List coupon books"),
                Map.entry("GET /api/v1/coupon-books/{bookId}", "Read a coupon book"),
                Map.entry("PATCH /api/v1/coupon-books/{bookId}", "Change a book's terms or metadata"),
                Map.entry("POST /api/v1/coupon-books/{bookId}/activate", "Activate a book"),
                Map.entry("POST /api/v1/coupon-books/{bookId}/deactivate", "Deactivate a book"),
                Map.entry("POST " + UPLOAD, "Upload codes into a book"),
                Map.entry("GET " + UPLOAD, "Export a book's codes with their status"),
                Map.entry("POST " + UPLOAD + "/downloads", "Get a single-use link to a book's CSV export"),
                Map.entry("GET " + TICKET_DOWNLOAD, "Download a book's CSV export through its single-use link"),
                Map.entry("POST /api/v1/coupon-books/{bookId}/generation-jobs", "Start generating codes"),
                Map.entry("GET /api/v1/coupon-books/{bookId}/generation-jobs/{jobId}", "Follow a generation job"),
                Map.entry("GET /api/v1/coupon-books/{bookId}/stats", "Read a book's statistics"),
                Map.entry("POST /api/v1/coupon-books/{bookId}/assignments", "Assign a random free code of the book"),
                Map.entry("POST /api/v1/coupons/{code}/assignment", "Assign this code to a user"),
                Map.entry("POST /api/v1/coupons/{code}/lock", "Lock a held coupon for a checkout"),
                Map.entry("DELETE /api/v1/coupons/{code}/lock", "Release the lock on a held coupon"),
                Map.entry("POST /api/v1/coupons/{code}/redemptions", "Redeem a coupon under its lock"),
                Map.entry("GET /api/v1/me/coupons", "List the caller's coupons"),
                Map.entry("GET /api/v1/users/{userId}/coupons", "List a user's coupons"),
                Map.entry("GET /api/v1/transactions", "Read the transaction log"));
    }
}
