package dev.couponbook.server.security;

import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API description and Swagger UI are a setting (COUPONBOOK_API_DOCS), off by default in the prod profile. */
@TestPropertySource(properties = {"springdoc.api-docs.enabled=false", "springdoc.swagger-ui.enabled=false"})
class ApiDocsSettingTest extends IntegrationTest {

    @Test
    void cannotReadTheApiDescriptionWhenItIsSwitchedOff() {
        assertThat(api.get("/v3/api-docs", null).status()).isEqualTo(404);
        assertThat(api.get("/swagger-ui.html", null).status()).isEqualTo(404);
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(404);
    }

    @Test
    void cannotReadTheApiDescriptionInProdUnlessAskedFor() throws Exception {
        List<PropertySource<?>> prod = new YamlPropertySourceLoader().load("prod", new ClassPathResource("application-prod.yml"));
        StandardEnvironment env = new StandardEnvironment();
        prod.forEach(env.getPropertySources()::addFirst);
        assertThat(env.getProperty("springdoc.api-docs.enabled", Boolean.class)).isFalse();
        assertThat(env.getProperty("springdoc.swagger-ui.enabled", Boolean.class)).isFalse();
    }
}
