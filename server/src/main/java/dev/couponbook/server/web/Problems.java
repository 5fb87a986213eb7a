package dev.couponbook.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/** Builds RFC 9457 problem documents with the stable {@code code} member clients switch on. */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    /** Answers with {@code problem} from a filter or handler that runs outside Spring MVC. */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:coupon-book:problem:" + code.toLowerCase(Locale.ROOT)));
        problem.setProperty(CODE, code);
        return problem;
    }
}
