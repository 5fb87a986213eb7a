package dev.couponbook.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.messages.error.Refusal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Bounds request bodies: code uploads (streamed, possibly millions of lines) get a large
 * budget, every other endpoint a small one. A declared length over the budget is refused before
 * reading; a body without a declared length (chunked) is cut off when it passes the budget with
 * {@link BodyTooLarge}, which is answered 413 as well.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("^/api/v1/coupon-books/[^/]+/codes$");

    private final long defaultLimit;
    private final long uploadLimit;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(RequestLimitProperties settings, ObjectMapper json) {
        this.defaultLimit = settings.maxBody().toBytes();
        this.uploadLimit = settings.maxUpload().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = UPLOAD.matcher(request.getRequestURI()).matches() ? uploadLimit : defaultLimit;
        if (request.getContentLengthLong() > limit) {
            ProblemDetail problem = Problems.of(Refusal.PAYLOAD_TOO_LARGE,
                    "the request body exceeds " + limit + " bytes");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setHeader("Connection", "close");
            Problems.write(response, json, problem);
            return;
        }
        chain.doFilter(new BoundedRequest(request, limit), response);
    }

    /** A request whose body stream ends with an error once more than the limit has been read. */
    private static final class BoundedRequest extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream bounded;

        BoundedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                ServletInputStream in = super.getInputStream();
                bounded = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            throw new BodyTooLarge(limit);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return bounded;
        }
    }

    /** The body went past its budget while it was read. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("the request body exceeds " + limit + " bytes");
        }
    }
}
