package dev.couponbook.server.web;

import dev.couponbook.messages.error.Refusal;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/**
 * Answers errors raised outside Spring MVC (by the servlet container or a filter, such as a
 * request URL that the firewall rejects) with the same problem documents as the controllers,
 * instead of Spring Boot's default error body.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        Refusal refusal = switch (status) {
            case NOT_FOUND -> Refusal.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> Refusal.METHOD_NOT_ALLOWED;
            case PAYLOAD_TOO_LARGE -> Refusal.PAYLOAD_TOO_LARGE;
            case UNAUTHORIZED -> Refusal.UNAUTHENTICATED;
            case FORBIDDEN -> Refusal.FORBIDDEN;
            default -> status.is5xxServerError() ? Refusal.INTERNAL_ERROR : Refusal.BAD_REQUEST;
        };
        ProblemDetail problem = Problems.of(status, refusal, status.getReasonPhrase());
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException e) {
                problem.setInstance(null);
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
