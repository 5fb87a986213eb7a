package dev.couponbook.server.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.Locale;

/** Builds RFC 9457 problem documents with the stable {@code code} member clients switch on. */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:coupon-book:problem:" + code.toLowerCase(Locale.ROOT)));
        problem.setProperty(CODE, code);
        return problem;
    }
}
