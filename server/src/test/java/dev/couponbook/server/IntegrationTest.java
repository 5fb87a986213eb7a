package dev.couponbook.server;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Base of tests that drive the whole service through HTTP, on a fresh in-memory store per context. */
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @BeforeEach
    void connect() {
        api = new ApiClient(port);
    }
}
