package dev.couponbook.server.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The built-in identity store: accounts in the {@code users} collection with BCrypt password
 * hashes. Only the opaque account id ever leaves this class towards commands and events.
 */
@Component
public class UserAccounts {

    private final MongoCollection<Document> users;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    public UserAccounts(MongoTemplate mongo, PasswordEncoder passwords) {
        this.users = mongo.getCollection("users");
        this.passwords = passwords;
        this.users.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** An authenticated account. */
    public record Account(String id, String email, List<String> roles) {
    }

    /**
     * The account when the password matches. An unknown email costs the same BCrypt check, so
     * response times do not reveal which emails exist.
     */
    public Optional<Account> authenticate(String email, String password) {
        Document user = users.find(Filters.eq("email", normalize(email))).first();
        if (user == null || !user.getBoolean("active", true)) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        if (!passwords.matches(password, user.getString("passwordHash"))) {
            return Optional.empty();
        }
        return Optional.of(new Account(user.getString("_id"), user.getString("email"), user.getList("roles", String.class)));
    }

    /** Creates an account unless the email is taken; returns whether it was created. */
    public boolean createIfAbsent(String email, String password, List<String> roles) {
        if (users.find(Filters.eq("email", normalize(email))).first() != null) {
            return false;
        }
        try {
            users.insertOne(new Document("_id", UUID.randomUUID().toString())
                    .append("email", normalize(email))
                    .append("passwordHash", passwords.encode(password))
                    .append("roles", roles)
                    .append("active", true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public long count() {
        return users.countDocuments();
    }

    private static String normalize(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
