package dev.couponbook.server.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.server.ratelimit.RateLimits;
import dev.couponbook.server.security.TokenController;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The one place that turns failures into RFC 9457 problem documents with a stable {@code code}.
 * A refusal gets the status {@link Problems#status} gives it; Spring MVC's own failures
 * (malformed JSON, validation, unknown routes, wrong methods) keep their status and gain a code;
 * anything unexpected is a 500 whose body says nothing about the internals.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        return respond(Problems.of(e.refusal(), e.getMessage()), request);
    }

    @ExceptionHandler(TokenController.InvalidCredentials.class)
    ResponseEntity<ProblemDetail> invalidCredentials(TokenController.InvalidCredentials e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response =
                respond(Problems.of(Refusal.INVALID_CREDENTIALS, e.getMessage()), request);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(response.getBody());
    }

    @ExceptionHandler(RateLimits.RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimits.RateLimited e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response =
                respond(Problems.of(Refusal.RATE_LIMITED, e.getMessage()), request);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(response.getBody());
    }

    /** A body without a declared length that went past its budget while an upload read it. */
    @ExceptionHandler(RequestSizeLimitFilter.BodyTooLarge.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(RequestSizeLimitFilter.BodyTooLarge e, HttpServletRequest request) {
        return respond(Problems.of(Refusal.PAYLOAD_TOO_LARGE, e.getMessage()), request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e, HttpServletRequest request) {
        return respond(Problems.of(Refusal.NOT_FOUND), request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e, HttpServletRequest request) {
        return respond(Problems.of(Refusal.CONCURRENT_MODIFICATION), request);
    }

    /** Method validation on a {@code @Validated} bean outside Spring MVC's own parameter validation. */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> fieldError(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
                .toList();
        return respond(validationFailed("invalid parameters", errors), request);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e, HttpServletRequest request) {
        return respond(Problems.of(Refusal.FORBIDDEN), request);
    }

    /** Command and query gateways wrap the handler's exception; answer for the real cause. */
    @ExceptionHandler({CompletionException.class, ExecutionException.class,
            CommandExecutionException.class, QueryExecutionException.class})
    ResponseEntity<ProblemDetail> wrapped(Exception e, HttpServletRequest request) throws Exception {
        Optional<DomainException> refusal = Causes.refusal(e);
        if (refusal.isPresent()) {
            return domain(refusal.get(), request);
        }
        Throwable cause = e.getCause();
        if (cause instanceof AggregateNotFoundException notFound) {
            return aggregateNotFound(notFound, request);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return concurrency(concurrency, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(Problems.of(Refusal.INTERNAL_ERROR), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), String.valueOf(error.getDefaultMessage())));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(fieldError(error.getObjectName(), String.valueOf(error.getDefaultMessage()))));
        ProblemDetail problem = validationFailed("invalid fields", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(fieldError(String.valueOf(result.getMethodParameter().getParameterName()),
                        String.valueOf(error.getDefaultMessage())))));
        ProblemDetail problem = validationFailed("invalid parameters", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        Optional<RequestSizeLimitFilter.BodyTooLarge> tooLarge = Causes.find(e, RequestSizeLimitFilter.BodyTooLarge.class);
        if (tooLarge.isPresent()) {
            problem = Problems.of(Refusal.PAYLOAD_TOO_LARGE, tooLarge.get().getMessage());
            return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String message = mapping instanceof InvalidFormatException invalid
                    ? "cannot read value as " + invalid.getTargetType().getSimpleName()
                    : mapping instanceof MismatchedInputException ? "wrong type" : "invalid value";
            problem = validationFailed("invalid fields", List.of(fieldError(path(mapping), message)));
        } else {
            problem = Problems.of(Refusal.MALFORMED_JSON);
        }
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : Problems.of(HttpStatus.valueOf(status.value()), codeFor(status), reasonFor(status));
        if (problem.getProperties() == null || !problem.getProperties().containsKey(Problems.CODE)) {
            problem.setProperty(Problems.CODE, codeFor(status).code());
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(problem, problemHeaders, status);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** {@code VALIDATION_FAILED} listing every error; the detail names each field once. */
    private static ProblemDetail validationFailed(String what, List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.of(Refusal.VALIDATION_FAILED, what + ": "
                + errors.stream().map(error -> error.get("field")).distinct().collect(Collectors.joining(", ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static String lastNode(String propertyPath) {
        return propertyPath.substring(propertyPath.lastIndexOf('.') + 1);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static Refusal codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> Refusal.NOT_FOUND;
            case 405 -> Refusal.METHOD_NOT_ALLOWED;
            case 406 -> Refusal.NOT_ACCEPTABLE;
            case 413 -> Refusal.PAYLOAD_TOO_LARGE;
            case 415 -> Refusal.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> Refusal.BAD_REQUEST;
            default -> status.is5xxServerError() ? Refusal.INTERNAL_ERROR : Refusal.REQUEST_REFUSED;
        };
    }

    private static String reasonFor(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "request refused" : known.getReasonPhrase();
    }
}
