package dev.couponbook.server.serviceaccount;

import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.serviceaccount.CreateServiceAccount;
import dev.couponbook.messages.serviceaccount.DisableServiceAccount;
import dev.couponbook.messages.serviceaccount.EnableServiceAccount;
import dev.couponbook.messages.serviceaccount.RotateServiceAccountSecret;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates service accounts and their secrets, and checks a client's secret. A secret is 256
 * random bits, shown once and kept only as a hash by the same {@link PasswordEncoder} as user
 * passwords; the account's history names it by a random secret id.
 */
@Service
public class ServiceAccounts {

    /** The prefix of every client id, so logs and audit trails tell a machine client from a user. */
    public static final String CLIENT_ID_PREFIX = "svc-";

    private static final int SECRET_BYTES = 32;
    private static final int CLIENT_ID_BYTES = 12;

    private final CommandGateway commands;
    private final ServiceAccountDirectory directory;
    private final ServiceAccountSecrets secrets;
    private final PasswordEncoder hashes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    public ServiceAccounts(CommandGateway commands, ServiceAccountDirectory directory, ServiceAccountSecrets secrets,
                           PasswordEncoder hashes, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.secrets = secrets;
        this.hashes = hashes;
        this.clock = clock;
        this.dummyHash = hashes.encode(UUID.randomUUID().toString());
    }

    /** An authenticated client and the secret its tokens are bound to. */
    public record Client(String clientId, String secretId) {
    }

    public ServiceAccountCredentials create(String name) {
        String clientId = CLIENT_ID_PREFIX + HexFormat.of().formatHex(bytes(CLIENT_ID_BYTES));
        String secret = secret();
        String secretId = storeHash(clientId, secret);
        commands.sendAndWait(new CreateServiceAccount(clientId, name, secretId, clock.instant()));
        return ServiceAccountCredentials.of(view(clientId), secret);
    }

    /** Replaces the secret; the former one, and tokens issued with it, stop working. */
    public ServiceAccountCredentials rotate(String clientId) {
        requireKnown(clientId);
        String secret = secret();
        send(new RotateServiceAccountSecret(clientId, storeHash(clientId, secret), clock.instant()));
        return ServiceAccountCredentials.of(view(clientId), secret);
    }

    public ServiceAccountView disable(String clientId) {
        send(new DisableServiceAccount(clientId, clock.instant()));
        return view(clientId);
    }

    public ServiceAccountView enable(String clientId) {
        send(new EnableServiceAccount(clientId, clock.instant()));
        return view(clientId);
    }

    public ServiceAccountView view(String clientId) {
        return directory.find(clientId).orElseThrow(ServiceAccounts::notFound);
    }

    /**
     * The client when the secret is its current one and the account is enabled. An unknown or
     * disabled client costs the same hash check, so timing does not tell which client ids exist.
     */
    public Optional<Client> authenticate(String clientId, String secret) {
        Optional<ServiceAccountDirectory.State> state = clientId == null ? Optional.empty() : directory.stateNow(clientId);
        Optional<String> hash = state.filter(ServiceAccountDirectory.State::enabled)
                .flatMap(current -> secrets.hash(current.secretId(), clientId));
        boolean matches = hashes.matches(secret == null ? "" : secret, hash.orElse(dummyHash));
        return matches && hash.isPresent() ? Optional.of(new Client(clientId, state.get().secretId())) : Optional.empty();
    }

    private void requireKnown(String clientId) {
        if (directory.stateNow(clientId).isEmpty()) {
            throw notFound();
        }
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
                throw notFound();
            }
            throw e;
        }
    }

    private String storeHash(String clientId, String secret) {
        String secretId = UUID.randomUUID().toString();
        secrets.store(secretId, clientId, hashes.encode(secret));
        return secretId;
    }

    private String secret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(SECRET_BYTES));
    }

    private byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private static DomainException notFound() {
        return new DomainException(Refusal.SERVICE_ACCOUNT_NOT_FOUND);
    }
}
