package dev.couponbook.query.code;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodeStatus;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.FindBookCodes;
import dev.couponbook.messages.couponbook.FindCode;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-code read model: batches join once, coupon events move a code's status, replays change nothing. */
class BookCodeProjectionTest {

    private static final String BOOK = "book-1";
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private BookCodeProjection projection;
    private BookCodeQueries queries;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "codes");
        projection = new BookCodeProjection(mongo);
        queries = new BookCodeQueries(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canAddEachCodeOfABatchOnceAsAvailable() {
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("B2", "A1")));
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("B2", "A1")));
        projection.on(new CodesUploaded(BOOK, "upload", 0, List.of("C3", "A1")));
        projection.on(new CodesUploaded("other-book", "upload", 0, List.of("Z9")));

        assertThat(all()).extracting(BookCodeView::code).containsExactly("A1", "B2", "C3");
        assertThat(all()).extracting(BookCodeView::status).containsOnly(CodeStatus.AVAILABLE);
        assertThat(queries.handle(new FindBookCodes(BOOK, 1, 2)).items()).extracting(BookCodeView::code).containsExactly("C3");
        assertThat(queries.handle(new FindBookCodes(BOOK, 0, 2)).total()).isEqualTo(3);
    }

    @Test
    void canStoreAnUploadedCodeWithItsExpiryAndItsMetadataInKeyOrder() {
        Instant expiry = Instant.parse("2027-01-31T23:59:59.123Z");
        projection.on(new CodesUploaded(BOOK, "upload", 0, List.of("A1", "B2"),
                Map.of("A1", new CodeDetails(expiry, Map.of("tier", "gold", "channel", "mail")))));

        List<Document> stored = mongo.getCollection("book_codes").find().sort(new Document("_id", 1)).into(new ArrayList<>());
        assertThat(stored).extracting(Document::toJson).containsExactly(
                new Document("_id", "A1").append("bookId", BOOK).append("status", "AVAILABLE").append("version", -1L)
                        .append("expiresAt", Date.from(expiry))
                        .append("metadata", new Document("channel", "mail").append("tier", "gold")).toJson(),
                new Document("_id", "B2").append("bookId", BOOK).append("status", "AVAILABLE").append("version", -1L).toJson());
    }

    @Test
    void canFollowACouponFromAssignmentToRedemption() {
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("A1")));
        projection.on(new CouponAssigned("A1", BOOK, "user-7", "r1"), 0, AT);
        assertThat(only()).isEqualTo(new BookCodeView("A1", BOOK, CodeStatus.ASSIGNED, "user-7", AT, null, 0));

        Instant until = AT.plusSeconds(300);
        projection.on(new CouponLocked("A1", BOOK, "user-7", "lock-1", until), 1);
        assertThat(only().status()).isEqualTo(CodeStatus.LOCKED);
        assertThat(only().lockedUntil()).isEqualTo(until);

        projection.on(new CouponLockExpired("A1", BOOK, "user-7", "lock-1"), 2);
        assertThat(only()).isEqualTo(new BookCodeView("A1", BOOK, CodeStatus.ASSIGNED, "user-7", AT, null, 0));

        projection.on(new CouponLocked("A1", BOOK, "user-7", "lock-2", until), 3);
        projection.on(new CouponRedeemed("A1", BOOK, "user-7", "lock-2", "red-1", 1, Map.of()), 4);
        assertThat(only()).isEqualTo(new BookCodeView("A1", BOOK, CodeStatus.REDEEMED, "user-7", AT, null, 1));
    }

    @Test
    void cannotGoBackWhenAnOlderCouponEventIsDeliveredAgain() {
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("A1")));
        projection.on(new CouponAssigned("A1", BOOK, "user-7", "r1"), 0, AT);
        projection.on(new CouponLocked("A1", BOOK, "user-7", "lock-1", AT.plusSeconds(60)), 1);
        projection.on(new CouponAssigned("A1", BOOK, "user-7", "r1"), 0, AT);
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("A1")));

        assertThat(only().status()).isEqualTo(CodeStatus.LOCKED);
    }

    @Test
    void canShowACodesExpiryMetadataAndWhetherItIsDisabled() {
        Instant expiry = AT.plusSeconds(86_400);
        projection.on(new CodesUploaded(BOOK, "upload", 0, List.of("A1", "B2"),
                Map.of("A1", new CodeDetails(expiry, Map.of("tier", "gold")))));
        projection.on(new CodeChunkGenerated(BOOK, "job", 0, List.of("C3"), expiry));
        assertThat(all()).containsExactly(
                new BookCodeView("A1", BOOK, CodeStatus.AVAILABLE, null, null, null, 0, expiry, false, Map.of("tier", "gold")),
                new BookCodeView("B2", BOOK, CodeStatus.AVAILABLE, null, null, null, 0),
                new BookCodeView("C3", BOOK, CodeStatus.AVAILABLE, null, null, null, 0, expiry, false, Map.of()));

        projection.on(new CodeDisabled("A1", BOOK, null), 0);
        assertThat(queries.handle(new FindCode("A1")).disabled()).isTrue();
        projection.on(new CodeEnabled("A1", BOOK, null), 1);
        assertThat(queries.handle(new FindCode("A1")).disabled()).isFalse();

        Instant sooner = AT.plusSeconds(3_600);
        projection.on(new CouponAssigned("A1", BOOK, "user-7", "r1", sooner), 2, AT);
        assertThat(queries.handle(new FindCode("A1"))).isEqualTo(
                new BookCodeView("A1", BOOK, CodeStatus.ASSIGNED, "user-7", AT, null, 0, sooner, false, Map.of("tier", "gold")));
    }

    @Test
    void canLookACodeUpWithoutItsBook() {
        projection.on(new CodesUploaded(BOOK, "upload", 0, List.of("A1")));
        projection.on(new CodesUploaded("other-book", "upload", 0, List.of("Z9")));
        projection.on(new CouponAssigned("Z9", "other-book", "user-7", "r1"), 0, AT);

        assertThat(queries.handle(new FindCode("A1"))).isEqualTo(new BookCodeView("A1", BOOK, CodeStatus.AVAILABLE, null, null, null, 0));
        assertThat(queries.handle(new FindCode("Z9"))).isEqualTo(new BookCodeView("Z9", "other-book", CodeStatus.ASSIGNED, "user-7", AT, null, 0));
        assertThat(queries.handle(new FindCode("a1"))).isNull();
    }

    private List<BookCodeView> all() {
        List<BookCodeView> codes = new ArrayList<>();
        queries.forEach(BOOK, codes::add);
        return codes;
    }

    private BookCodeView only() {
        List<BookCodeView> codes = all();
        assertThat(codes).hasSize(1);
        return codes.get(0);
    }
}
