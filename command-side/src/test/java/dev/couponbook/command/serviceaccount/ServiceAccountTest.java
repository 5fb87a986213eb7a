package dev.couponbook.command.serviceaccount;

import dev.couponbook.messages.serviceaccount.CreateServiceAccount;
import dev.couponbook.messages.serviceaccount.DisableServiceAccount;
import dev.couponbook.messages.serviceaccount.EnableServiceAccount;
import dev.couponbook.messages.serviceaccount.RotateServiceAccountSecret;
import dev.couponbook.messages.serviceaccount.ServiceAccountCreated;
import dev.couponbook.messages.serviceaccount.ServiceAccountDisabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountEnabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountSecretRotated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/** A service account's secret and enabled state, one rule per test. */
class ServiceAccountTest {

    private static final String CLIENT = "svc-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);

    private AggregateTestFixture<ServiceAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ServiceAccount.class);
    }

    private static ServiceAccountCreated created() {
        return new ServiceAccountCreated(CLIENT, "Checkout", "s1", NOW);
    }

    @Test
    void canCreateAnEnabledAccountWithItsFirstSecret() {
        fixture.givenNoPriorActivity()
                .when(new CreateServiceAccount(CLIENT, "Checkout", "s1", NOW))
                .expectEvents(created());
    }

    @Test
    void canRotateTheSecret() {
        fixture.given(created())
                .when(new RotateServiceAccountSecret(CLIENT, "s2", LATER))
                .expectEvents(new ServiceAccountSecretRotated(CLIENT, "s2", LATER));
    }

    @Test
    void cannotRotateToTheCurrentSecretTwice() {
        fixture.given(created(), new ServiceAccountSecretRotated(CLIENT, "s2", LATER))
                .when(new RotateServiceAccountSecret(CLIENT, "s2", LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRotateTheSecretOfADisabledAccount() {
        fixture.given(created(), new ServiceAccountDisabled(CLIENT, LATER))
                .when(new RotateServiceAccountSecret(CLIENT, "s2", LATER))
                .expectEvents(new ServiceAccountSecretRotated(CLIENT, "s2", LATER));
    }

    @Test
    void canDisableAnEnabledAccount() {
        fixture.given(created())
                .when(new DisableServiceAccount(CLIENT, LATER))
                .expectEvents(new ServiceAccountDisabled(CLIENT, LATER));
    }

    @Test
    void cannotDisableADisabledAccountTwice() {
        fixture.given(created(), new ServiceAccountDisabled(CLIENT, LATER))
                .when(new DisableServiceAccount(CLIENT, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canEnableADisabledAccount() {
        fixture.given(created(), new ServiceAccountDisabled(CLIENT, LATER))
                .when(new EnableServiceAccount(CLIENT, LATER))
                .expectEvents(new ServiceAccountEnabled(CLIENT, LATER));
    }

    @Test
    void cannotEnableAnEnabledAccountTwice() {
        fixture.given(created())
                .when(new EnableServiceAccount(CLIENT, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
