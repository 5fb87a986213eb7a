package dev.couponbook.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whole-server starts and stops: persistence across a restart, and refusals at start-up. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void canRestartAndStillFindTheBook() {
        String bookId;
        try (ConfigurableApplicationContext first = start("--couponbook.embedded.data-dir=" + dataDir)) {
            ApiClient api = new ApiClient(port(first));
            String admin = api.token(ApiClient.ADMIN);
            bookId = api.post("/api/v1/coupon-books", admin, Map.of("name", "Survivor")).json().get("bookId").asText();
            assertThat(api.await("/api/v1/coupon-books/" + bookId, admin, r -> r.status() == 200).status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start("--couponbook.embedded.data-dir=" + dataDir)) {
            ApiClient api = new ApiClient(port(second));
            String admin = api.token(ApiClient.ADMIN);
            ApiClient.Response read = api.get("/api/v1/coupon-books/" + bookId, admin);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().at("/terms/name").asText()).isEqualTo("Survivor");
            assertThat(api.post("/api/v1/coupon-books/" + bookId + "/deactivate", admin, null).status())
                    .as("the event-sourced aggregate is found after the restart too").isEqualTo(200);
        }
    }

    @Test
    void cannotStartTheProdProfileWithTheDevelopmentSecret() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                "--couponbook.embedded.persistent=false",
                "--couponbook.security.jwt.secret=dev-only-secret-change-me-0123456789abcdef").close())
                .hasStackTraceContaining("development JWT secret cannot be used with the prod profile");
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--server.port=0";
        all[1] = "--couponbook.namespace-per-run=true";
        all[2] = "--couponbook.infrastructure.prefer-local-services=" + "true".equals(System.getenv("CI"));
        System.arraycopy(args, 0, all, 3, args.length);
        return new SpringApplicationBuilder(CouponBookServer.class).run(all);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
