package dev.couponbook.server.web;

import dev.couponbook.messages.error.Refusal;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat refuses some requests before any servlet sees them (a URL with an encoded NUL, say, or
 * the CONNECT method) and would answer with its HTML error page; this valve answers those with a
 * problem document too.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Refusal refusal = status >= 500 ? Refusal.INTERNAL_ERROR : Refusal.BAD_REQUEST;
        if (status == HttpStatus.NOT_IMPLEMENTED.value() && "CONNECT".equalsIgnoreCase(request.getMethod())) {
            // Tomcat answers CONNECT 501 before any servlet runs; it is a method this API does not allow, like any other.
            status = HttpStatus.METHOD_NOT_ALLOWED.value();
            refusal = Refusal.METHOD_NOT_ALLOWED;
            response.setStatus(status);
            response.setHeader("Allow", "GET, POST, PATCH, DELETE");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + Problems.type(refusal) + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"code\":\"" + refusal.code() + "\"}");
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response is committed: nothing more can be said.
        }
    }

    /** Installs the valve on Spring Boot's embedded Tomcat. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {
        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context ->
                    ((StandardHost) context.getParent()).setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
        }
    }
}
