package dev.couponbook.command.serviceaccount;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.serviceaccount.CreateServiceAccount;
import dev.couponbook.messages.serviceaccount.DisableServiceAccount;
import dev.couponbook.messages.serviceaccount.EnableServiceAccount;
import dev.couponbook.messages.serviceaccount.RotateServiceAccountSecret;
import dev.couponbook.messages.serviceaccount.ServiceAccountCreated;
import dev.couponbook.messages.serviceaccount.ServiceAccountDisabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountEnabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountSecretRotated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A machine client (a shop backend) that gets tokens with the client-credentials grant. Its
 * history holds only facts that are not secret: which secret id is current and whether it is
 * enabled. The secret's hash is kept outside the event store (the server's secret store, keyed by
 * secret id), because events are kept forever and auditors read them: a hash there could never
 * be erased. Rotations are decided one at a time here, so the last one recorded names the only
 * valid secret however many run at once.
 */
@Aggregate
public class ServiceAccount {

    @AggregateIdentifier
    private String id;
    private String secretId;
    private boolean enabled;

    protected ServiceAccount() {
    }

    /** Creating an existing account fails on the event store's unique index, so a client id is never reused. */
    @CommandHandler
    public ServiceAccount(CreateServiceAccount command) {
        apply(new ServiceAccountCreated(command.clientId(), command.name(), command.secretId(), command.createdAt()));
    }

    /** Makes the command's secret the only valid one; a repeat of the current secret is a no-op. */
    @CommandHandler
    public void handle(RotateServiceAccountSecret command) {
        if (command.secretId().equals(secretId)) {
            return;
        }
        apply(new ServiceAccountSecretRotated(command.clientId(), command.secretId(), command.rotatedAt()));
    }

    /** Disabling a disabled account changes nothing. */
    @CommandHandler
    public void handle(DisableServiceAccount command) {
        if (enabled) {
            apply(new ServiceAccountDisabled(command.clientId(), command.disabledAt()));
        }
    }

    /** Enabling an enabled account changes nothing. */
    @CommandHandler
    public void handle(EnableServiceAccount command) {
        if (!enabled) {
            apply(new ServiceAccountEnabled(command.clientId(), command.enabledAt()));
        }
    }

    @EventSourcingHandler
    void on(ServiceAccountCreated event) {
        id = AggregateIds.serviceAccount(event.clientId());
        secretId = event.secretId();
        enabled = true;
    }

    @EventSourcingHandler
    void on(ServiceAccountSecretRotated event) {
        secretId = event.secretId();
    }

    @EventSourcingHandler
    void on(ServiceAccountDisabled event) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(ServiceAccountEnabled event) {
        enabled = true;
    }
}
