package dev.couponbook.query.code;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

/**
 * Short-lived, single-use tickets that let a browser fetch a book's CSV export by plain navigation, so it streams
 * the file to disk instead of holding it in memory (a fetch with the bearer token can only hand over the whole
 * file). A ticket is issued to an ADMIN for one book, is 256 random bits, and is deleted by the request that uses
 * it; kept in MongoDB so any instance can redeem what another issued.
 */
@Component
public class DownloadTickets {

    static final Duration LIFETIME = Duration.ofSeconds(60);
    static final String COLLECTION = "download_tickets";

    private final SecureRandom random = new SecureRandom();
    private final MongoCollection<Document> tickets;
    private final Clock clock;

    public DownloadTickets(MongoTemplate mongo, Clock clock) {
        this.tickets = mongo.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** A new ticket for {@code bookId}'s export; unredeemed tickets past their time are swept as new ones are made. */
    public Ticket issue(String bookId, String issuedTo) {
        Instant now = clock.instant();
        tickets.deleteMany(Filters.lt("expiresAt", Date.from(now)));
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Instant expiresAt = now.plus(LIFETIME);
        tickets.insertOne(new Document("_id", id).append("bookId", bookId).append("issuedTo", issuedTo)
            .append("expiresAt", Date.from(expiresAt)));
        return new Ticket(id, expiresAt);
    }

    /** Uses up the ticket: true once, if it was issued for this book and has not expired. */
    public boolean redeem(String ticket, String bookId) {
        Optional<Document> taken = Optional.ofNullable(tickets.findOneAndDelete(Filters.eq("_id", ticket)));
        return taken.filter(found -> bookId.equals(found.getString("bookId")))
            .filter(found -> found.getDate("expiresAt").toInstant().isAfter(clock.instant()))
            .isPresent();
    }

    public record Ticket(String id, Instant expiresAt) {
    }
}
